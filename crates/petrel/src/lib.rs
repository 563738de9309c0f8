//! The facade over petrel's stages: what the CLI and embedding programs call.
