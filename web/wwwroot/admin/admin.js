// The administration page: the silos of the cluster.
import { t } from "/js/i18n.js";
import { apiGet, showUser } from "/js/session.js";
showUser(document.getElementById("user"));
const content = document.getElementById("content");
try {
  const silos = await apiGet("/api/admin/silos"); for (const s of silos) { const row = document.createElement("tr"); for (const v of [s.name, s.address, s.status]) { const cell = document.createElement("td"); cell.textContent = v; row.append(cell); } document.getElementById("silos").append(row); }
} catch (error) {
  content.className = "error";
  content.textContent = t("common.loadError", { message: error.message });
}
