#!/usr/bin/env python3
"""Per-folder mutation scores of Core from Stryker JSON reports, as the table in docs/testing.md.

Usage: python3 scripts/stryker-score.py RUN:REPORT.json:Folder1,Folder2 [RUN:REPORT.json:Folder3 ...]
Each argument takes the named Core folders from one report (a slice of scripts/stryker-slices.sh);
the last row adds them up. Score = (killed + timeout) / (killed + timeout + survived + no coverage);
mutants outside the slice (the mutate filter) are left out, compile errors and ignored ones do not count.
"""
import json,sys,collections
tot=collections.Counter(); rows=[]
for spec in sys.argv[1:]:
    label,path,folders=spec.split(':')
    folders=set(folders.split(','))
    rep=json.load(open(path)); per=collections.defaultdict(collections.Counter)
    for p,f in rep['files'].items():
        parts=p.replace('\\','/').split('/'); folder=parts[parts.index('AsyncFunctions.Core')+1]
        if folder not in folders: continue
        for m in f['mutants']:
            if m['status']=='Ignored' and 'mutate filter' in (m.get('statusReason') or ''): continue
            per[folder][m['status']]+=1
    for k in sorted(per):
        c=per[k]; tot.update(c); rows.append((k,label,c))
def sc(c):
    d=c['Killed']+c['Timeout']+c['Survived']+c['NoCoverage']; return 100*(c['Killed']+c['Timeout'])/d
print("| Folder | Run | Killed | Timeout | Survived | No coverage | Compile errors | Ignored | Score |")
print("|---|---|---|---|---|---|---|---|---|")
for k,l,c in sorted(rows):
    print(f"| {k} | {l} | {c['Killed']} | {c['Timeout']} | {c['Survived']} | {c['NoCoverage']} | {c['CompileError']} | {c['Ignored']} | {sc(c):.2f} % |")
c=tot
print(f"| **all {len(rows)} folders** | | {c['Killed']} | {c['Timeout']} | {c['Survived']} | {c['NoCoverage']} | {c['CompileError']} | {c['Ignored']} | **{sc(c):.2f} %** |")
