"""The store: extracted events kept in one DuckDB file, merged into one record per real event.

INTERFACE (the CLI and the API code against it):

    Store(path, wait=10.0)                         db.py: .reading() / .writing() connections
    ingest(paths, store, batch_size=100) -> IngestSummary            ingest.py
    store_batch(store, [ItemResult], clock) -> articles stored       ingest.py (already extracted)
    control_timeline(con, resolve_place(name_or_geonameid)) -> Timeline     timeline.py
    export(con, ExportFormat, path, ExportFilter(...)) -> events written    export.py

    schema.py     tables and numbered migrations        rows.py      records <-> rows
    merge.py      which reports are one real event      canonical.py one record from its reports
    remerge.py    re-merging what a batch touches       acled.py     ACLED's columns, regions.yaml
    selection.py  export formats and filters            commands.py  ingest, control, export
"""
DEFAULT_DB = "frontline.duckdb"
