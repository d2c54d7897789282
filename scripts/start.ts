// npm start: the main job. Grows with the project; see README.
console.log(
  "eh-overstap: the shared eHerkenning module is ready (npm run catalogue -- eherkenning/fixtures/servicecatalog.xml).",
);
console.log("The mock makelaar, the replica world and the extension are not built yet.");
