"""Content coming in and going out: content bundles, seeding, and CIKD working papers.

- ``schema``: the bundle format (docs/content-bundle.md): reading the JSON, the
  header, each record's fields;
- ``validation``: checks across records (keys, references, pairings, region tree);
  ``check(bundle)`` runs every check;
- ``loading``: ``import_bundle``, the one import engine (dry run = the import rolled back);
- ``report``: ``Report`` and ``FieldChange``, what an import did or would do, field by field;
- ``dumping``: ``export_bundle`` and ``dumps``;
- ``seeding``: the bundled content seeds a database once;
- ``working_papers``: the parser for the text of CIKD's working papers;
  ``paper_layouts``: what each line looks like in the English and the Chinese edition;
- ``pdf_text``: the text of a working-paper PDF, extracted by ``pdf_worker`` in a bounded process;
- ``uploads``: reading the files of one import, PDFs and .txt alike;
- ``importers``: each parsed working paper as bundle records, imported by ``import_bundle``;
  ``chinese_editions``: the records of a Chinese edition, Chinese fields only;
- ``pending``: an import preview's PDFs, waiting in the database for the confirm step;
- ``admin``: the admin's upload, preview and confirm page for working papers.
"""
