// The admin's journey page: funnels per tariff (GET /api/admin/journey/funnels, refreshed every few seconds while the
// page is visible) as a Chart.js bar chart and a table per day, and a campaign's success against its control group
// (GET /api/admin/journey/campaigns/{id}/success). Chart.js comes from npm, served from /lib (no CDN).
import { locale, t } from "/js/i18n.js";
import { apiGet, showUser } from "/js/session.js";

const $ = id => document.getElementById(id);
const REFRESH_MS = 5000;
const STEPS = ["viewed", "selected", "started", "completed"];
const COLORS = ["#1f5fa8", "#3d8bd9", "#e0892b", "#2e9e5b"];
const number = new Intl.NumberFormat(locale);
const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
showUser($("user"));

// The funnel counts days in Europe/Berlin (as the server does), not in UTC: between midnight and 01:00/02:00 Berlin
// time toISOString() still gave yesterday and the default range left today's events out.
const berlinDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" });
const isoDay = date => berlinDay.format(date);
const today = new Date();
$("funnel-to").value = isoDay(today);
$("funnel-from").value = isoDay(new Date(today.getTime() - 13 * 24 * 3600 * 1000));

const funnelChart = new window.Chart($("funnel-chart"), {
  type: "bar",
  data: { labels: [], datasets: STEPS.map((step, i) => ({ label: t(`journeyAdmin.step.${step}`), data: [], backgroundColor: COLORS[i] })) },
  options: { animation: false, responsive: true, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
});

const successChart = new window.Chart($("success-chart"), {
  type: "bar",
  data: {
    labels: [t("journeyAdmin.success.contacted"), t("journeyAdmin.success.control")],
    datasets: [{ label: t("journeyAdmin.success.rate"), data: [0, 0], backgroundColor: [COLORS[0], "#999999"] }],
  },
  options: {
    animation: false, responsive: true,
    scales: { y: { beginAtZero: true, ticks: { callback: value => percent.format(value) } } },
  },
});

function showError(error) {
  $("status").textContent = error ? t("common.loadError", { message: error.message }) : "";
}

async function loadFunnels() {
  const query = new URLSearchParams({ from: $("funnel-from").value, to: $("funnel-to").value });
  const tariff = $("funnel-tariff").value.trim();
  if (tariff) query.set("tariff", tariff);
  const days = await apiGet(`/api/admin/journey/funnels?${query}`);
  // The chart sums each tariff over the days; the table keeps the days apart.
  const totals = new Map();
  for (const day of days) {
    const sum = totals.get(day.tariff) ?? { viewed: 0, selected: 0, started: 0, completed: 0 };
    for (const step of STEPS) sum[step] += day[step];
    totals.set(day.tariff, sum);
  }
  funnelChart.data.labels = [...totals.keys()];
  STEPS.forEach((step, i) => { funnelChart.data.datasets[i].data = [...totals.values()].map(sum => sum[step]); });
  funnelChart.update();
  const rows = days.map(day => {
    const row = document.createElement("tr");
    row.dataset.tariff = day.tariff;
    const cells = [day.tariff, new Date(`${day.day}T12:00:00`).toLocaleDateString(locale), ...STEPS.map(step => number.format(day[step]))];
    for (const value of cells) {
      const cell = document.createElement("td");
      cell.textContent = value;
      row.append(cell);
    }
    return row;
  });
  $("funnel-rows").replaceChildren(...rows);
  $("funnel-chart").dataset.loaded = "true";
}

async function loadSuccess() {
  const campaign = $("success-campaign").value.trim();
  const tariff = $("success-tariff").value.trim();
  if (!campaign) return;
  // Without a tariff the server measures the campaign's own (its tariff or its offer's); the field then shows which.
  const query = new URLSearchParams({ days: $("success-days").value });
  if (tariff) query.set("tariff", tariff);
  const success = await apiGet(`/api/admin/journey/campaigns/${encodeURIComponent(campaign)}/success?${query}`);
  $("success-tariff").placeholder = tariff ? "" : success.tariff;
  const rate = value => (value === null || value === undefined ? "–" : percent.format(value));
  $("success-contacted").textContent = t("journeyAdmin.success.figure", { converted: number.format(success.contactedConverted), total: number.format(success.contacted), rate: rate(success.contactedRate) });
  $("success-control").textContent = t("journeyAdmin.success.figure", { converted: number.format(success.controlConverted), total: number.format(success.control), rate: rate(success.controlRate) });
  $("success-lift").textContent = success.lift === null || success.lift === undefined ? "–" : new Intl.NumberFormat(locale, { signDisplay: "always", maximumFractionDigits: 1 }).format(success.lift * 100);
  $("success-figures").hidden = false;
  successChart.data.datasets[0].data = [success.contactedRate ?? 0, success.controlRate ?? 0];
  successChart.update();
}

async function refresh() {
  try {
    await loadFunnels();
    await loadSuccess();
    showError(null);
  } catch (error) {
    showError(error);
  }
}

$("funnel-form").addEventListener("submit", event => { event.preventDefault(); refresh(); });
$("success-form").addEventListener("submit", event => { event.preventDefault(); refresh(); });
setInterval(() => { if (document.visibilityState === "visible") refresh(); }, REFRESH_MS);
refresh();
