using System.Globalization;

namespace AsyncFunctions.Benchmarks.Measuring;

/// <summary>Prints each figure as it is measured and, at the end, which targets were met or missed.</summary>
internal sealed class BenchReport
{
    private readonly List<Figure> _figures = [];

    public static void Section(string title, string baseline)
    {
        Console.WriteLine();
        Console.WriteLine($"== {title}");
        Console.WriteLine($"   baseline: {baseline}");
        Console.WriteLine($"   {"figure",-46} {"subject",12} {"baseline",12} {"ratio",7}  {"unit",-14} target");
    }

    public static void Note(string text) => Console.WriteLine($"   {text}");

    public void Add(Figure figure)
    {
        _figures.Add(figure);
        var verdict = figure.Met switch { true => "met", false => "MISSED", null => "" };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"   {figure.Name,-46} {Format(figure.Subject),12} {Format(figure.Baseline),12} {figure.Ratio,7:F2}  {figure.Unit,-14} {figure.Goal?.Text} {verdict}"));
    }

    public void PrintSummary()
    {
        var judged = _figures.Where(f => f.Goal is not null).ToList();
        if (judged.Count == 0)
            return;
        Console.WriteLine();
        Console.WriteLine("== targets");
        foreach (var f in judged)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"   {(f.Met == true ? "met   " : "MISSED")} {f.Suite,-9} {f.Name,-46} subject {Format(f.Subject)}, ratio {f.Ratio:F2} ({f.Goal!.Text})"));
        }
    }

    private static string Format(double value) => value switch
    {
        double.NaN => "-",
        >= 1000 => value.ToString("F0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("F1", CultureInfo.InvariantCulture),
        _ => value.ToString("F2", CultureInfo.InvariantCulture),
    };
}
