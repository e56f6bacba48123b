//! The local OCR engine's reader: Tesseract on each page image; a PDF's pages are rendered to
//! images first, one at a time, by Poppler's `pdftoppm` (a scanned PDF has no text layer; a
//! PDF with one is read as it looks, as Textract reads it). The tools run as child processes
//! with a timeout; the file and the page images live in a temporary directory that goes with
//! the analysis.
//!
//! Bounds, as Textract's where it has one: an image at most 10 000 px a side; a PDF page at
//! most 40 inches a side (2880 pt), rendered at 300 dpi, or less so that neither side passes
//! 10 000 px; at most [`Limits::max_pages`] pages (Textract reads 3000 asynchronously; this
//! engine takes some seconds a page; its bound is the pipeline's, `MAX_PDF_PAGES`).

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use mypages::aws::ocr::{OcrError, Refusal};
use mypages::domain::ocr::blocks::{AnalysisResponse, DocumentMetadata};
use tempfile::TempDir;
use tokio::process::Command;

use super::tsv::blocks_from_tsv;
use super::{Analyzer, Api};

/// Textract's bound on an image's sides, in pixels (the pipeline's upload check holds it too).
pub use mypages::domain::upload_check::MAX_IMAGE_SIDE_PX;
/// Textract's bound on a PDF page's sides: 40 inches, in points.
pub const MAX_PDF_PAGE_SIDE_PT: f32 = 2880.0;
/// The resolution PDF pages are rendered at, like a scan's.
pub const RENDER_DPI: u32 = 300;
/// Tesseract's models: Swedish, and the Latin script's (which reads English and the Swedish
/// letters å, ä, ö in labels that Debian's English model reads as a, a, o).
pub const LANGUAGES: &str = "swe+Latin";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// The most pages of a PDF this engine reads.
    pub max_pages: u32,
    /// How long one tool may take for one page (rendering or reading it).
    pub per_page_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            // The pipeline's own bound: a PDF it accepts is one this engine reads.
            max_pages: mypages::domain::upload_check::MAX_PDF_PAGES,
            per_page_timeout: Duration::from_secs(180),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Tesseract {
    limits: Limits,
}

impl Tesseract {
    pub fn new(limits: Limits) -> Tesseract {
        Tesseract { limits }
    }
}

/// The file's format, by its magic bytes. Only these reach the tools: Tesseract reads a text
/// file as a list of image paths to open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Pdf,
    Png,
    Jpeg,
    Tiff,
}

impl Format {
    fn sniff(file: &[u8]) -> Option<Format> {
        if file.starts_with(b"%PDF-") {
            Some(Format::Pdf)
        } else if file.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Format::Png)
        } else if file.starts_with(b"\xff\xd8\xff") {
            Some(Format::Jpeg)
        } else if file.starts_with(b"II*\0") || file.starts_with(b"MM\0*") {
            Some(Format::Tiff)
        } else {
            None
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Png => "png",
            Format::Jpeg => "jpg",
            Format::Tiff => "tif",
        }
    }
}

/// A file that passed the checks, in its temporary directory.
#[derive(Debug)]
pub struct Admitted {
    dir: TempDir,
    file: PathBuf,
    pdf: Option<PdfFacts>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct PdfFacts {
    pages: u32,
    dpi: u32,
}

fn refused(kind: Refusal, message: impl Into<String>) -> OcrError {
    OcrError::Refused {
        kind,
        message: message.into(),
    }
}

fn first_lines(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(3)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Runs a tool to its end or its timeout (then it is killed). A missing tool or a timeout is
/// the engine's unavailability, not the file's fault.
async fn run(
    program: &str,
    args: &[&std::ffi::OsStr],
    timeout: Duration,
) -> Result<Output, OcrError> {
    let child = Command::new(program)
        .args(args)
        // Tesseract's OpenMP threads spin against each other on a shared machine: one thread
        // read a page three times faster than the default on this project's 2 cores.
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true)
        .output();
    match tokio::time::timeout(timeout, child).await {
        Err(_) => Err(OcrError::Unavailable(format!(
            "{program} did not finish in {} s",
            timeout.as_secs()
        ))),
        Ok(Err(e)) if e.kind() == std::io::ErrorKind::NotFound => Err(OcrError::Unavailable(
            format!("{program} is not installed (infra/env.sh mypages_ocr_tools installs it)"),
        )),
        Ok(Err(e)) => Err(OcrError::Unavailable(format!("cannot run {program}: {e}"))),
        Ok(Ok(output)) => Ok(output),
    }
}

/// What `pdfinfo` says of a PDF: its page count and the largest side of its first pages.
fn parse_pdfinfo(text: &str) -> Option<(u32, f32)> {
    let mut pages = None;
    let mut largest_side: f32 = 0.0;
    for line in text.lines() {
        if let Some(count) = line.strip_prefix("Pages:") {
            pages = count.trim().parse::<u32>().ok();
        } else if line.starts_with("Page ") && line.contains(" size:") {
            // "Page    1 size: 595.44 x 841.68 pts (A4)"
            let size = line.split_once(" size:")?.1;
            let mut numbers = size
                .split_whitespace()
                .filter_map(|w| w.parse::<f32>().ok());
            let (width, height) = (numbers.next()?, numbers.next()?);
            largest_side = largest_side.max(width).max(height);
        }
    }
    Some((pages?, largest_side))
}

/// The render's resolution: [`RENDER_DPI`], less for pages so large that a side would pass
/// Textract's pixel bound.
fn render_dpi(largest_side_pt: f32) -> u32 {
    let fitting = (MAX_IMAGE_SIDE_PX as f32 * 72.0 / largest_side_pt.max(1.0)).floor() as u32;
    RENDER_DPI.min(fitting).max(1)
}

impl Tesseract {
    async fn admit_pdf(&self, file: &Path, api: Api) -> Result<PdfFacts, OcrError> {
        let last = self.limits.max_pages.to_string();
        let output = run(
            "pdfinfo",
            &[
                "-f".as_ref(),
                "1".as_ref(),
                "-l".as_ref(),
                last.as_ref(),
                file.as_os_str(),
            ],
            self.limits.per_page_timeout,
        )
        .await?;
        if !output.status.success() {
            let errors = first_lines(&output.stderr);
            let message = if errors.contains("Incorrect password") {
                format!("an encrypted PDF (a password protects it): {errors}")
            } else {
                format!("an unreadable PDF: {errors}")
            };
            return Err(refused(Refusal::BadDocument, message));
        }
        let info = String::from_utf8_lossy(&output.stdout);
        let (pages, largest_side) = parse_pdfinfo(&info)
            .ok_or_else(|| refused(Refusal::BadDocument, "an unreadable PDF: no page count"))?;
        if pages == 0 {
            return Err(refused(Refusal::BadDocument, "a PDF without pages"));
        }
        if pages > self.limits.max_pages {
            return Err(refused(
                Refusal::TooLarge,
                format!(
                    "{pages} pages; the local OCR engine reads at most {}",
                    self.limits.max_pages
                ),
            ));
        }
        if api == Api::AnalyzeDocument && pages > 1 {
            return Err(refused(
                Refusal::Unsupported,
                format!(
                    "AnalyzeDocument reads single-page documents; this PDF has {pages} pages \
                     (StartDocumentAnalysis reads it)"
                ),
            ));
        }
        if largest_side > MAX_PDF_PAGE_SIDE_PT {
            return Err(refused(
                Refusal::TooLarge,
                format!("a page side of {largest_side} pt; at most {MAX_PDF_PAGE_SIDE_PT} (40 in)"),
            ));
        }
        Ok(PdfFacts {
            pages,
            dpi: render_dpi(largest_side),
        })
    }

    /// Renders one page as a greyscale image (uncompressed PGM: writing PNG took pdftoppm
    /// fifteen times as long, and Tesseract reads grey anyway), in the analysis's directory.
    async fn render_page(
        &self,
        admitted: &Admitted,
        pdf: PdfFacts,
        page: u32,
    ) -> Result<PathBuf, OcrError> {
        let stem = admitted.dir.path().join(format!("page-{page}"));
        let (dpi, page_arg) = (pdf.dpi.to_string(), page.to_string());
        let output = run(
            "pdftoppm",
            &[
                "-r".as_ref(),
                dpi.as_ref(),
                "-gray".as_ref(),
                "-f".as_ref(),
                page_arg.as_ref(),
                "-l".as_ref(),
                page_arg.as_ref(),
                "-singlefile".as_ref(),
                admitted.file.as_os_str(),
                stem.as_os_str(),
            ],
            self.limits.per_page_timeout,
        )
        .await?;
        let image = stem.with_extension("pgm");
        if !output.status.success() || tokio::fs::metadata(&image).await.is_err() {
            return Err(refused(
                Refusal::BadDocument,
                format!(
                    "an unreadable PDF (page {page}): {}",
                    first_lines(&output.stderr)
                ),
            ));
        }
        Ok(image)
    }

    /// Tesseract's TSV of one image (`dpi` when the image's own is known to be wrong or
    /// missing, as for rendered pages).
    async fn read_image(
        &self,
        image: &Path,
        dpi: Option<u32>,
        timeout: Duration,
    ) -> Result<String, OcrError> {
        let dpi = dpi.map(|d| d.to_string());
        let mut args: Vec<&std::ffi::OsStr> = vec![
            image.as_os_str(),
            "-".as_ref(),
            "-l".as_ref(),
            LANGUAGES.as_ref(),
        ];
        if let Some(dpi) = &dpi {
            args.extend([std::ffi::OsStr::new("--dpi"), std::ffi::OsStr::new(dpi)]);
        }
        args.push("tsv".as_ref());
        let output = run("tesseract", &args, timeout).await?;
        if !output.status.success() {
            let errors = first_lines(&output.stderr);
            return Err(
                if errors.contains("Failed loading language")
                    || errors.contains("Error opening data file")
                {
                    OcrError::Unavailable(format!(
                        "Tesseract lacks its {LANGUAGES} models (infra/env.sh mypages_ocr_tools installs them): {errors}"
                    ))
                } else {
                    refused(
                        Refusal::BadDocument,
                        format!("an unreadable image: {errors}"),
                    )
                },
            );
        }
        String::from_utf8(output.stdout)
            .map_err(|_| OcrError::Failed("Tesseract wrote TSV that is not UTF-8".into()))
    }
}

#[async_trait::async_trait]
impl Analyzer for Tesseract {
    type Admitted = Admitted;

    async fn admit(&self, file: Vec<u8>, api: Api) -> Result<Admitted, OcrError> {
        let format = Format::sniff(&file).ok_or_else(|| {
            refused(
                Refusal::Unsupported,
                "not a PDF, PNG, JPEG or TIFF file (by its first bytes)",
            )
        })?;
        if format != Format::Pdf {
            let size = imagesize::blob_size(&file)
                .map_err(|e| refused(Refusal::BadDocument, format!("an unreadable image: {e}")))?;
            let bound = MAX_IMAGE_SIDE_PX as usize;
            if size.width == 0 || size.height == 0 {
                return Err(refused(Refusal::BadDocument, "an image without pixels"));
            }
            if size.width > bound || size.height > bound {
                return Err(refused(
                    Refusal::TooLarge,
                    format!(
                        "an image of {} × {} px; at most {MAX_IMAGE_SIDE_PX} a side",
                        size.width, size.height
                    ),
                ));
            }
        }
        let dir = tempfile::Builder::new()
            .prefix("mypages-ocr-")
            .tempdir()
            .map_err(|e| OcrError::Unavailable(format!("no temporary directory: {e}")))?;
        let path = dir.path().join(format!("original.{}", format.extension()));
        tokio::fs::write(&path, &file)
            .await
            .map_err(|e| OcrError::Unavailable(format!("writing {}: {e}", path.display())))?;
        let pdf = match format {
            Format::Pdf => Some(self.admit_pdf(&path, api).await?),
            _ => None,
        };
        Ok(Admitted {
            dir,
            file: path,
            pdf,
        })
    }

    async fn analyze(&self, admitted: Admitted) -> Result<Vec<AnalysisResponse>, OcrError> {
        let timeout = self.limits.per_page_timeout;
        let mut blocks = Vec::new();
        let pages = match admitted.pdf {
            Some(pdf) => {
                // Page by page: one page image on disk at a time (some 9 MB at 300 dpi).
                for page in 1..=pdf.pages {
                    let image = self.render_page(&admitted, pdf, page).await?;
                    let tsv = self.read_image(&image, Some(pdf.dpi), timeout).await?;
                    // Best effort: the directory goes with the analysis in any case.
                    let _ = tokio::fs::remove_file(&image).await;
                    let read =
                        blocks_from_tsv(&tsv, page).map_err(|e| OcrError::Failed(e.to_string()))?;
                    blocks.extend(read.blocks);
                }
                pdf.pages
            }
            None => {
                // A multi-page TIFF is read whole: each of its pages is a page of the TSV.
                let tsv = self.read_image(&admitted.file, None, timeout).await?;
                let read = blocks_from_tsv(&tsv, 1).map_err(|e| OcrError::Failed(e.to_string()))?;
                if read.pages > self.limits.max_pages {
                    return Err(refused(
                        Refusal::TooLarge,
                        format!(
                            "{} pages; the local OCR engine reads at most {}",
                            read.pages, self.limits.max_pages
                        ),
                    ));
                }
                blocks = read.blocks;
                read.pages
            }
        };
        Ok(vec![AnalysisResponse {
            document_metadata: Some(DocumentMetadata { pages }),
            blocks,
            ..AnalysisResponse::default()
        }])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_known_by_their_magic_bytes() {
        assert_eq!(Format::sniff(b"%PDF-1.4\n"), Some(Format::Pdf));
        assert_eq!(Format::sniff(b"\x89PNG\r\n\x1a\n...."), Some(Format::Png));
        assert_eq!(Format::sniff(b"\xff\xd8\xff\xe0"), Some(Format::Jpeg));
        assert_eq!(Format::sniff(b"II*\0...."), Some(Format::Tiff));
        assert_eq!(Format::sniff(b"MM\0*...."), Some(Format::Tiff));
        assert_eq!(Format::sniff(b"/etc/passwd\n"), None);
        assert_eq!(Format::sniff(b""), None);
    }

    #[test]
    fn pdfinfo_gives_the_page_count_and_the_largest_side() {
        let info = "Title:           lease\nPages:           2\nEncrypted:       no\n\
                    Page    1 size: 595.44 x 841.68 pts (A4)\nPage    1 rot:  0\n\
                    Page    2 size: 1190.88 x 841.68 pts\nPage    2 rot:  0\n";
        assert_eq!(parse_pdfinfo(info), Some((2, 1190.88)));
        assert_eq!(parse_pdfinfo("Title: x\n"), None);
    }

    #[tokio::test]
    async fn a_missing_tool_or_a_timeout_is_unavailability() {
        let missing = run("mypages-no-such-tool", &[], Duration::from_secs(5)).await;
        assert!(
            matches!(&missing, Err(OcrError::Unavailable(m)) if m.contains("not installed")),
            "{missing:?}"
        );
        let started = std::time::Instant::now();
        let slow = run("sleep", &["30".as_ref()], Duration::from_millis(200)).await;
        assert!(
            matches!(&slow, Err(OcrError::Unavailable(m)) if m.contains("did not finish")),
            "{slow:?}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "killed at the timeout"
        );
    }

    #[test]
    fn large_pages_render_below_the_pixel_bound() {
        assert_eq!(render_dpi(841.68), RENDER_DPI);
        assert_eq!(render_dpi(2400.0), RENDER_DPI);
        assert_eq!(render_dpi(MAX_PDF_PAGE_SIDE_PT), 250);
        assert!(render_dpi(MAX_PDF_PAGE_SIDE_PT) * 40 <= MAX_IMAGE_SIDE_PX);
    }
}
