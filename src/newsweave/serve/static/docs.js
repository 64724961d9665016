/* A plain local listing of the API's endpoints, used when Swagger UI is not installed. */
"use strict";
document.addEventListener("DOMContentLoaded", async () => {
  const box = document.getElementById("endpoints");
  const spec = await (await fetch("/openapi.json")).json();
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const card = document.createElement("section");
      card.className = "card section";
      const h = document.createElement("h2");
      h.textContent = method.toUpperCase() + " " + path;
      const p = document.createElement("p");
      p.textContent = op.description || op.summary || "";
      card.append(h, p);
      for (const prm of op.parameters || []) {
        const li = document.createElement("p");
        li.className = "meta";
        li.textContent = `${prm.in} ${prm.name}${prm.required ? " (required)" : ""}: ${prm.description || ""}`;
        card.append(li);
      }
      box.append(card);
    }
  }
});
