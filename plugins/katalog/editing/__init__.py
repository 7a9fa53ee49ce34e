"""Editor tools beside the pipeline: scaffold a new entry, prune references, freshness, check a built site's links."""
