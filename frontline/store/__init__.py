"""The store: extracted events kept in one DuckDB file, merged into one record per real event.

INTERFACE (the application layer, frontline/ingest.py and frontline/commands/, and the API code
against it; nothing here reads articles, extracts, or parses a command line):

    Store(path, wait=10.0)                         db.py: .reading() / .writing() connections
    store_batch(store, [ItemResult], clock) -> articles stored       ingest.py (already extracted)
    store_new(..., also=hook) -> the results new at COMMIT (hook(con, fresh) runs inside the transaction)
    stored_keys(con, docs) -> (ids, hashes)
    control_timeline(con, resolve_place(name_or_geonameid)) -> Timeline     timeline.py
    export(con, ExportFormat, path, ExportFilter(...)) -> events written    export.py
    copy_store(store, folder) -> StoreCopy: a whole-batches copy, under the read lock   snapshot.py

    schema.py     tables and numbered migrations        rows.py      records <-> rows
    merge.py      which reports are one real event      canonical.py one record from its reports
    remerge.py    re-merging what a batch touches       acled.py     ACLED's columns, regions.yaml
    selection.py  export formats and filters
"""
DEFAULT_DB = "frontline.duckdb"
