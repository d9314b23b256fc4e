// The dispatch dashboard. Plain DOM, no framework, no build step, nothing fetched from elsewhere.
// Every value from the server is set with textContent or as an attribute: reasons and descriptions
// of dead letters come from partners' messages and are never parsed as markup.
"use strict";

const POLL_MS = 1000;
const SVG = "http://www.w3.org/2000/svg";
const STATUSES = ["NeedsAssignment", "InProgress", "AwaitingDriver", "Assigned", "Delivered", "DeadLettered"];
const STATUS_LABELS = {
  NeedsAssignment: "Needs assignment",
  InProgress: "In progress",
  AwaitingDriver: "Awaiting driver",
  Assigned: "Assigned",
  Delivered: "Delivered",
  DeadLettered: "Dead-lettered",
};

let lastSnapshot = null;
let demoCounter = 0;

/** Creates an element; text and attributes only, never HTML. */
function el(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined && options.text !== null) node.textContent = String(options.text);
  for (const [name, value] of Object.entries(options.attrs || {})) node.setAttribute(name, String(value));
  for (const child of children) node.append(child);
  return node;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function time(value) {
  if (!value) return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? "" : date.toLocaleTimeString([], { hour12: false });
}

function setResult(message, isError) {
  const node = document.getElementById("action-result");
  node.textContent = message;
  node.classList.toggle("error", Boolean(isError));
}

async function problemText(response) {
  try {
    const body = await response.json();
    const errors = body.errors ? " " + Object.entries(body.errors).map(([k, v]) => `${k}: ${[].concat(v).join(" ")}`).join("; ") : "";
    return `${response.status} ${body.title || ""}${body.detail ? ": " + body.detail : ""}${errors}`;
  } catch {
    return `${response.status} ${response.statusText}`;
  }
}

function renderCounts(snapshot) {
  const tiles = [el("div", { className: "tile total", attrs: { "data-status": "Total" } }, [
    el("div", { className: "label", text: "All orders" }),
    el("div", { className: "value", text: snapshot.totalOrders }),
  ])];
  for (const { status, count } of snapshot.counts) {
    tiles.push(el("div", { className: `tile ${STATUSES.includes(status) ? status : ""}`, attrs: { "data-status": status } }, [
      el("div", { className: "label", text: STATUS_LABELS[status] || status }),
      el("div", { className: "value", text: count }),
    ]));
  }
  document.getElementById("counts").replaceChildren(...tiles);
}

function renderChart(assignments) {
  const chart = document.getElementById("rate-chart");
  const series = assignments.lastMinute || [];
  const width = 600, height = 140, top = 16, bottom = 18, left = 30;
  const max = Math.max(1, ...series);
  const plot = height - top - bottom;
  const step = (width - left) / Math.max(1, series.length);
  const nodes = [
    svg("line", { class: "axis", x1: left, y1: height - bottom, x2: width, y2: height - bottom }),
    svg("line", { class: "axis", x1: left, y1: top, x2: width, y2: top }),
    svg("text", { x: 0, y: top + 4 }, max),
    svg("text", { x: 0, y: height - bottom + 4 }, 0),
    svg("text", { x: left, y: height - 3 }, "-60 s"),
    svg("text", { x: width - 24, y: height - 3 }, "now"),
  ];
  series.forEach((value, i) => {
    const h = (value / max) * plot;
    const bar = svg("rect", { class: "bar", x: left + i * step + 1, y: height - bottom - h, width: Math.max(1, step - 2), height: h });
    bar.append(svg("title", {}, `${value} assigned`));
    nodes.push(bar);
  });
  chart.replaceChildren(...nodes);
  document.getElementById("rate-now").textContent = (assignments.perSecond || 0).toFixed(1);
  document.getElementById("assigned-total").textContent = assignments.total;
}

/** Seconds as the dashboard shows them: milliseconds below a second, then seconds, then minutes. */
function duration(seconds) {
  if (seconds === null || seconds === undefined) return "—";
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 120) return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
  return `${(seconds / 60).toFixed(1)} min`;
}

function renderHealth(latency, broker) {
  const p50 = document.getElementById("latency-p50");
  const p99 = document.getElementById("latency-p99");
  p50.querySelector(".value").textContent = duration(latency.p50Seconds);
  p99.querySelector(".value").textContent = duration(latency.p99Seconds);
  // The raw figures ride along as attributes, so a test (or a curious user) reads the exact value.
  p50.setAttribute("data-seconds", latency.p50Seconds ?? "");
  p99.setAttribute("data-seconds", latency.p99Seconds ?? "");
  document.getElementById("latency-count").textContent = latency.count;
  document.querySelector(".latency-window").textContent = `${Math.round(latency.windowSeconds / 60)} min`;
  const depth = document.getElementById("dlq-depth");
  depth.querySelector(".value").textContent = broker.deadLetterDepth;
  depth.classList.toggle("alarm", broker.deadLetterDepth > 0);
}

function renderBroker(broker, deadLetterTotal) {
  const rows = [
    ["Active (ready to deliver)", broker.active],
    ["Scheduled (retries, readyAt)", broker.scheduled],
    ["Locked (being processed)", broker.locked],
    ["Duplicates dropped", broker.duplicatesDropped],
    ["Dead-letter queue (unrecorded)", broker.deadLetterDepth],
    ["Dead letters recorded", deadLetterTotal],
  ];
  const nodes = [];
  for (const [label, value] of rows) nodes.push(el("dt", { text: label }), el("dd", { text: value }));
  document.getElementById("broker").replaceChildren(...nodes);
}

function renderCircuits(circuits) {
  const nodes = [];
  for (const c of circuits || []) {
    const opened = c.openings === 1 ? "opened once" : `opened ${c.openings}×`;
    nodes.push(el("dt", { text: c.dependency }), el("dd", { className: `circuit-${c.state}`, text: `${c.state} since ${time(c.since)} · ${opened}` }));
  }
  document.getElementById("circuits").replaceChildren(...nodes);
}

function meter(used, capacity) {
  const ratio = capacity > 0 ? Math.min(1, used / capacity) : (used > 0 ? 1 : 0);
  const bar = el("span");
  bar.style.width = `${Math.round(ratio * 100)}%`;
  return el("div", { className: ratio >= 1 ? "meter full" : "meter" }, [bar]);
}

function renderZones(zones, moreZones) {
  const container = document.getElementById("zones");
  if (!zones.length) {
    container.replaceChildren(el("p", { className: "empty", text: "No drivers yet. Start the host with --seed-drivers, or PUT /api/drivers/{id}." }));
    return;
  }
  const cards = zones.map(zone => {
    const drivers = zone.shown.map(d => el("li", { className: d.available ? "" : "off", attrs: { "data-driver-id": d.driverId } }, [
      el("span", { text: d.driverId }),
      meter(d.activeOrders, d.available ? d.capacity : 0),
      el("span", { className: "load", text: `${d.activeOrders}/${d.capacity}` }),
    ]));
    const hidden = zone.drivers - zone.shown.length;
    if (hidden > 0) drivers.push(el("li", { className: "off", text: `+ ${hidden} more drivers` }));
    return el("div", { className: "zone", attrs: { "data-zone": zone.zone } }, [
      el("div", { className: "zone-head" }, [
        el("span", { text: zone.zone }),
        el("span", { className: "muted", text: `${zone.activeOrders}/${zone.capacity} · ${zone.availableDrivers}/${zone.drivers} drivers available` }),
      ]),
      meter(zone.activeOrders, zone.capacity),
      el("ul", { className: "drivers" }, drivers),
    ]);
  });
  if (moreZones > 0) cards.push(el("p", { className: "empty", text: `+ ${moreZones} more zones` }));
  container.replaceChildren(...cards);
}

function renderOrders(orders) {
  const body = document.querySelector("#orders tbody");
  if (!orders.length) {
    body.replaceChildren(el("tr", {}, [el("td", { className: "empty", text: "No orders yet.", attrs: { colspan: 7 } })]));
    return;
  }
  body.replaceChildren(...orders.map(o => el("tr", { attrs: { "data-order-id": o.orderId } }, [
    el("td", { text: o.orderId }),
    el("td", { text: o.zone }),
    el("td", { className: "status", attrs: { "data-status": o.status } }, [el("span", { className: `badge ${STATUSES.includes(o.status) ? o.status : ""}`, text: o.status })]),
    el("td", { className: "driver", text: o.driverId || "" }),
    el("td", { text: o.attempts }),
    el("td", { text: time(o.updatedAt) }),
    el("td", { className: "wrap", text: o.lastError || "" }),
  ])));
}

function renderDeadLetters(deadLetters, total) {
  document.getElementById("deadletter-total").textContent = total;
  const body = document.querySelector("#deadletters tbody");
  if (!deadLetters.length) {
    body.replaceChildren(el("tr", {}, [el("td", { className: "empty", text: "No dead letters.", attrs: { colspan: 7 } })]));
    return;
  }
  body.replaceChildren(...deadLetters.map(d => {
    const action = d.replayedAt
      ? el("span", { className: "muted replayed", text: `replayed ${time(d.replayedAt)}` })
      : el("button", { className: "small replay", text: "Replay", attrs: { type: "button", "data-id": d.id } });
    return el("tr", { attrs: { "data-deadletter-id": d.id } }, [
      el("td", { className: "wrap", text: d.id }),
      el("td", { text: d.orderId || "—" }),
      el("td", { className: "reason", text: d.reason }),
      el("td", { className: "wrap description", text: d.description }),
      el("td", { text: d.deliveryCount }),
      el("td", { text: time(d.deadLetteredAt) }),
      el("td", {}, [action]),
    ]);
  }));
}

function renderEvents(events, received) {
  document.getElementById("events-received").textContent = received;
  const body = document.querySelector("#events tbody");
  if (!events.length) {
    body.replaceChildren(el("tr", {}, [el("td", { className: "empty", text: "No events yet.", attrs: { colspan: 6 } })]));
    return;
  }
  // The type's last segment (OrderAccepted) is what a reader scans for; the full type stays in the title.
  body.replaceChildren(...events.map(e => el("tr", { attrs: { "data-event-id": e.id } }, [
    el("td", { text: time(e.time) }),
    el("td", { className: "event-type", text: e.type.split(".").pop(), attrs: { title: e.type } }),
    el("td", { text: e.subject }),
    el("td", { text: e.sequence }),
    el("td", { text: e.partner || "—" }),
    el("td", { className: "muted", text: e.source }),
  ])));
}

function render(snapshot) {
  lastSnapshot = snapshot;
  renderCounts(snapshot);
  renderChart(snapshot.assignments);
  renderHealth(snapshot.timeToAssigned, snapshot.broker);
  renderBroker(snapshot.broker, snapshot.deadLetterTotal);
  renderCircuits(snapshot.circuits);
  renderZones(snapshot.zones, snapshot.moreZones);
  renderOrders(snapshot.recentOrders);
  renderDeadLetters(snapshot.deadLetters, snapshot.deadLetterTotal);
  renderEvents(snapshot.events, snapshot.eventsReceived);
  document.getElementById("scan-time").textContent = `snapshot scanned ${snapshot.totalOrders} orders in ${snapshot.scanMilliseconds.toFixed(1)} ms`;
}

function setConnection(ok, text) {
  const node = document.getElementById("connection");
  node.textContent = text;
  node.className = `connection ${ok ? "ok" : "down"}`;
}

async function refresh() {
  try {
    const response = await fetch("/api/dashboard/snapshot", { cache: "no-store" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    render(await response.json());
    setConnection(true, `live · ${time(new Date())}`);
  } catch (error) {
    setConnection(false, `disconnected (${error.message}); retrying`);
  }
}

async function poll() {
  await refresh();
  setTimeout(poll, POLL_MS);
}

/** A valid order in a zone that has drivers (round robin), picked up near one of them. */
function demoOrder() {
  const zones = (lastSnapshot?.zones || []).filter(z => z.shown.length > 0);
  const zone = zones.length ? zones[demoCounter % zones.length] : null;
  const anchor = zone ? zone.shown[demoCounter % zone.shown.length].location : { lat: 52.3791, lon: 4.9003 };
  demoCounter++;
  const jitter = () => (Math.random() - 0.5) * 0.01;
  const id = `demo-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
  return {
    orderId: id,
    zone: zone ? zone.zone : "zone-a",
    pickup: { lat: anchor.lat + jitter(), lon: anchor.lon + jitter() },
    dropoff: { lat: anchor.lat + jitter(), lon: anchor.lon + jitter() },
    items: [{ sku: "pizza-margherita", quantity: 1 }, { sku: "cola", quantity: 2 }],
    customerId: "demo-customer",
    restaurantId: "demo-restaurant",
  };
}

async function submitDemoOrder(button) {
  button.disabled = true;
  try {
    const order = demoOrder();
    const response = await fetch("/api/orders", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(order),
    });
    if (response.status === 202 || response.status === 200) {
      setResult(`${response.status}: order ${order.orderId} accepted in ${order.zone}`);
    } else {
      setResult(`Refused: ${await problemText(response)}`, true);
    }
    await refresh();
  } catch (error) {
    setResult(`Could not submit: ${error.message}`, true);
  } finally {
    button.disabled = false;
  }
}

async function replay(button) {
  const id = button.getAttribute("data-id");
  button.disabled = true;
  try {
    const response = await fetch(`/api/deadletters/${encodeURIComponent(id)}/replay`, { method: "POST" });
    if (response.status === 202) setResult(`Replayed dead letter ${id}`);
    else setResult(`Replay refused: ${await problemText(response)}`, true);
    await refresh();
  } catch (error) {
    setResult(`Could not replay: ${error.message}`, true);
    button.disabled = false;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("demo-order").addEventListener("click", event => submitDemoOrder(event.currentTarget));
  // One listener for all rows: the table body is rebuilt every second.
  document.querySelector("#deadletters tbody").addEventListener("click", event => {
    const button = event.target.closest("button.replay");
    if (button) replay(button);
  });
  poll();
});
