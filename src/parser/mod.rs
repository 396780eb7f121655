//! Parser (placeholder until the parser lands).
