"""Watching news feeds: RSS and Atom feeds polled, each new item's page fetched and ingested.

INTERFACE (the `frontline watch` command against it):

    read_feed_list(["https://…/rss", "feeds.yaml", "feeds.opml"]) -> FeedList   feedlist.py
    Fetcher(Politeness(...))              http.py: one polite HTTP client (robots.txt, rate, caps)
    poll(feeds, store, fetcher, ...) -> PollSummary    watch.py: one pass over every feed
    watch(feeds, store, fetcher, every=600, ...)       watch.py: poll, sleep, poll... until stopped

    feedlist.py   feed URLs from arguments, YAML or OPML files; examples.yaml ships with the package
    http.py       user agent, conditional GET, timeouts, size cap, retries, per-host delay
    robots.py     robots.txt rules, fetched once per host and kept a day
    parse.py      a feed's bytes to its items (feedparser): link, title, date in the feed's time zone
    state.py      the feeds and items tables of the store: validators, failures, pending items
    pages.py      a fetched page to a Document (trafilatura, as .html input is read)
    watch.py      the poll: feeds first, then the pending items through frontline.ingest

What happens to the articles (extraction, here or on Dask; the store; the merge) is
frontline.ingest's, unchanged: watch only brings the pages.
"""
