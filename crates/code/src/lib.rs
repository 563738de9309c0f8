//! The event coder: from a parsed sentence and dictionaries to explainable events.
