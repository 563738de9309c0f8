//! PETRARCH-format dictionary readers and the compiled dictionaries the coder matches against.
