"""The command line's commands beside `frontline.cli`: the store's (ingest, control, export), `serve`,
and the options they share. The application layer: it drives reading, extraction, the cluster and
the store; the packages below it (io, pipeline, store, api) know nothing of commands."""
