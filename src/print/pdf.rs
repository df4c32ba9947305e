//! PDF through typst used as a library: a minimal `World` with one in-memory source and the
//! embedded Liberation Serif fonts (assets/fonts, SIL OFL 1.1), so no system font or file is
//! ever read. The markup comes from [`super::markup`].

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, Source};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use super::PrintError;

const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
];

/// What every compilation shares: the standard library, the fonts and their book.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = FONT_FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        Shared {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

/// One document to compile: the shared parts plus its source.
struct DocWorld {
    shared: &'static Shared,
    main: Source,
}

impl World for DocWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_owned()))
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // Documents carry their own dates; the markup never asks for today.
        None
    }
}

/// Compiles typst markup to PDF bytes. Deterministic: no timestamp, a fixed identifier.
pub(crate) fn markup_to_pdf(markup: &str) -> Result<Vec<u8>, PrintError> {
    let world = DocWorld {
        shared: shared(),
        main: Source::detached(markup.to_owned()),
    };
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|errors| PrintError::Layout(join(errors.iter().map(|e| e.message.as_str()))))?;
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom("motcua".to_owned()),
        ..Default::default()
    };
    typst_pdf::pdf(&document, &options)
        .map_err(|errors| PrintError::Layout(join(errors.iter().map(|e| e.message.as_str()))))
}

fn join<'a>(messages: impl Iterator<Item = &'a str>) -> String {
    messages.collect::<Vec<_>>().join("; ")
}
