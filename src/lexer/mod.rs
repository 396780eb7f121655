//! Lexer (placeholder until the lexer lands).
