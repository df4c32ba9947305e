//! A Rust lexer just good enough to find paths: identifiers, `::`, punctuation and string
//! literals, with comments skipped, and each line's code with comments and string contents
//! blanked (for plain substring checks that must not be fooled by text).

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Ident(String),
    Str(String),
    PathSep,
    Punct(char),
}

#[derive(Debug, Clone)]
pub struct Token {
    pub tok: Tok,
    pub line: usize,
}

struct Lexer {
    chars: Vec<char>,
    i: usize,
    line: usize,
    code: String,
    tokens: Vec<Token>,
}

/// The tokens of `text` and its lines with comments and string contents blanked.
pub fn lex(text: &str) -> (Vec<Token>, Vec<String>) {
    let mut l = Lexer {
        chars: text.chars().collect(),
        i: 0,
        line: 1,
        code: String::new(),
        tokens: Vec::new(),
    };
    while let Some(c) = l.peek(0) {
        let next = l.peek(1);
        match c {
            '/' if next == Some('/') => l.line_comment(),
            '/' if next == Some('*') => l.block_comment(),
            '"' => {
                l.keep(1);
                l.string_body(&['"'], true);
            }
            '\'' => l.quote(),
            c if c.is_alphanumeric() || c == '_' => l.word(),
            ':' if next == Some(':') => {
                l.push(Tok::PathSep);
                l.keep(2);
            }
            c => {
                if !c.is_whitespace() {
                    l.push(Tok::Punct(c));
                }
                l.keep(1);
            }
        }
    }
    let lines = l.code.lines().map(str::to_owned).collect();
    (l.tokens, lines)
}

impl Lexer {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.i + ahead).copied()
    }

    fn push(&mut self, tok: Tok) {
        self.tokens.push(Token {
            tok,
            line: self.line,
        });
    }

    /// Copies `n` characters to the code as they are.
    fn keep(&mut self, n: usize) {
        for _ in 0..n {
            if let Some(c) = self.peek(0) {
                self.line += usize::from(c == '\n');
                self.code.push(c);
                self.i += 1;
            }
        }
    }

    /// Skips one character, leaving a blank (or the newline) in the code; returns it.
    fn blank(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.line += usize::from(c == '\n');
        self.code.push(if c == '\n' { '\n' } else { ' ' });
        self.i += 1;
        Some(c)
    }

    fn line_comment(&mut self) {
        while self.peek(0).is_some_and(|c| c != '\n') {
            self.blank();
        }
    }

    fn block_comment(&mut self) {
        let mut depth = 0;
        while let Some(c) = self.peek(0) {
            let next = self.peek(1);
            if c == '/' && next == Some('*') {
                depth += 1;
                self.blank();
            } else if c == '*' && next == Some('/') {
                depth -= 1;
                self.blank();
                self.blank();
                if depth == 0 {
                    return;
                }
                continue;
            }
            self.blank();
        }
    }

    /// The contents of a string literal up to `close` (the opening quote already kept).
    fn string_body(&mut self, close: &[char], escapes: bool) {
        let line = self.line;
        let mut s = String::new();
        while self.peek(0).is_some() && !self.chars[self.i..].starts_with(close) {
            if escapes && self.peek(0) == Some('\\') {
                s.extend(self.blank());
            }
            s.extend(self.blank());
        }
        self.keep(close.len());
        self.tokens.push(Token {
            tok: Tok::Str(s),
            line,
        });
    }

    /// A char literal ('x', '\n', '\u{1F600}') or a lifetime / label ('a).
    fn quote(&mut self) {
        let is_char = self.peek(1) == Some('\\') || self.peek(2) == Some('\'');
        if !is_char {
            self.push(Tok::Punct('\''));
            self.keep(1);
            return;
        }
        self.keep(1);
        if self.peek(0) == Some('\\') {
            self.blank();
        }
        while self.peek(0).is_some_and(|c| c != '\'') {
            self.blank();
        }
        self.keep(1);
    }

    /// An identifier, keyword or number; or the prefix of a raw string (r"…", br#"…"#) or a
    /// raw identifier (r#type).
    fn word(&mut self) {
        let start = self.i;
        while self
            .peek(0)
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            self.i += 1;
        }
        let word: String = self.chars[start..self.i].iter().collect();
        self.code.push_str(&word);
        let hashes = self.chars[self.i..]
            .iter()
            .take_while(|&&h| h == '#')
            .count();
        let raw = matches!(word.as_str(), "r" | "br" | "cr");
        if raw && self.peek(hashes) == Some('"') {
            self.keep(hashes + 1);
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            self.string_body(&close, false);
        } else if word == "r" && hashes == 1 && self.peek(1).is_some_and(char::is_alphabetic) {
            self.keep(1);
        } else {
            self.push(Tok::Ident(word));
        }
    }
}
