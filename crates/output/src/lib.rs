//! The wire formats of petrel events (JSONL, CSV, TSV); the only stage that knows JSON.
