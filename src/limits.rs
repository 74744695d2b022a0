//! Limits that keep the process and the machine alive whatever a query or an input asks
//! for: memory (a counting allocator: the query in progress is cancelled when the live
//! heap passes the bound, and the process stops with a message if it grows well past it
//! anyway), and the stack (queries run on a thread with a large stack, after their
//! nesting depth is checked). Time is bounded by `--timeout` in `sparql`.

use mimalloc::MiMalloc;
use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Bytes the program holds on the heap right now.
static LIVE: AtomicUsize = AtomicUsize::new(0);
/// The bound (bytes): past it the query in progress is cancelled.
static SOFT: AtomicUsize = AtomicUsize::new(usize::MAX);
/// Past this the process stops at once: the soft bound and an eighth more.
static HARD: AtomicUsize = AtomicUsize::new(usize::MAX);
/// Set once the soft bound was passed.
static TRIPPED: AtomicBool = AtomicBool::new(false);
/// The message the allocator prints before it stops the process, made in advance (the
/// allocator cannot allocate).
static HARD_MESSAGE: Mutex<Option<&'static [u8]>> = Mutex::new(None);

/// The global allocator: mimalloc, counting the bytes it hands out. glibc's malloc and
/// free took about 14 % of `build --store` at 1,000 articles (a quad's strings are
/// allocated and freed by the million); with mimalloc the build takes 23 s instead of
/// 27 s (docs/performance.md).
pub struct Counting;

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { MiMalloc.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { MiMalloc.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { MiMalloc.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { MiMalloc.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[inline]
fn grew(by: usize) {
    let live = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    if live > HARD.load(Ordering::Relaxed) {
        stop_now();
    }
}

/// Past the hard bound: remove the output being written, print the message made in
/// advance and end the process, all without allocating.
#[cold]
fn stop_now() -> ! {
    crate::cleanup::remove_temporary_now();
    let message = HARD_MESSAGE.try_lock().ok().and_then(|m| *m);
    let text: &[u8] = message.unwrap_or(b"error: out of the memory bound\n");
    unsafe {
        libc::write(2, text.as_ptr().cast(), text.len());
        libc::_exit(2);
    }
}

/// The memory bound used when `--max-memory` is not given: half the machine's memory
/// (at least 1 GiB), so a runaway query stops long before the machine swaps.
pub fn default_memory() -> u64 {
    let pages = unsafe { libc::sysconf(libc::_SC_PHYS_PAGES) };
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if pages > 0 && size > 0 {
        ((pages as u64).saturating_mul(size as u64) / 2).max(1 << 30)
    } else {
        8 << 30
    }
}

/// The files this process may open: the soft limit of open files, first raised to the
/// hard limit where it is lower (as Go's runtime does). A store's build keeps RocksDB's
/// files open by the hundred, and many systems set the soft limit to 1,024 whatever the
/// hard one allows. `None` if the system does not say.
pub fn raise_open_files() -> Option<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit read and write only the structure given.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return None;
        }
        if limit.rlim_cur < limit.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: limit.rlim_max,
                rlim_max: limit.rlim_max,
            };
            // Refused where the hard limit is "unlimited" but the kernel's is not: the
            // soft limit then stays as it was.
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                limit = raised;
            }
        }
    }
    #[allow(clippy::useless_conversion)]
    Some(u64::from(limit.rlim_cur))
}

/// Reads a size: `512M`, `2G`, `1.5GiB`, `4096` (bytes).
pub fn parse_size(text: &str) -> Option<u64> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let number: f64 = number.parse().ok()?;
    let scale: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        "t" | "tb" | "tib" => 1 << 40,
        _ => return None,
    };
    let bytes = number * scale as f64;
    (bytes.is_finite() && bytes >= 1.0 && bytes < u64::MAX as f64).then_some(bytes as u64)
}

/// A size for messages: `2.0 GiB`.
pub fn show_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// Sets the memory bound for the rest of the run (`check_memory` cancels the query in
/// progress when the live heap passes it).
pub fn set_memory(bytes: u64) {
    let soft = usize::try_from(bytes).unwrap_or(usize::MAX);
    let hard = soft.saturating_add(soft / 8);
    let message = format!(
        "error: stopped: the program needed more than {} of memory (--max-memory)\n  narrow the query or the input, or give a larger --max-memory\n",
        show_size(bytes)
    );
    if let Ok(mut m) = HARD_MESSAGE.lock() {
        *m = Some(Box::leak(message.into_bytes().into_boxed_slice()));
    }
    SOFT.store(soft, Ordering::Relaxed);
    HARD.store(hard, Ordering::Relaxed);
}

/// How often the memory bound is checked while a query runs.
pub const MEMORY_TICK: Duration = Duration::from_millis(5);

/// When the bound was last passed, in milliseconds since `EPOCH`.
static TRIPPED_AT: AtomicU64 = AtomicU64::new(0);
static EPOCH: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

/// Checks the live heap against the bound: past it, the running queries are cancelled,
/// once; a server's bound is re-armed a second after the heap is back under it, once
/// the stopped queries have said why. Called every `MEMORY_TICK` by whoever waits for a
/// query (`sparql::guarded`), so a command starts no thread of its own for it.
pub fn check_memory() {
    let epoch = *EPOCH.get_or_init(Instant::now);
    let now = u64::try_from(epoch.elapsed().as_millis()).unwrap_or(u64::MAX);
    if LIVE.load(Ordering::Relaxed) > SOFT.load(Ordering::Relaxed) {
        if !TRIPPED.swap(true, Ordering::Relaxed) {
            TRIPPED_AT.store(now, Ordering::Relaxed);
            crate::sparql::cancel_running();
        }
    } else if TRIPPED.load(Ordering::Relaxed)
        && now.saturating_sub(TRIPPED_AT.load(Ordering::Relaxed)) > 1000
    {
        TRIPPED.store(false, Ordering::Relaxed);
    }
}

/// For a process that runs queries nobody waits for (a server's pages): a thread that
/// checks the bound every `MEMORY_TICK`, started once.
pub fn watch_memory() {
    static WATCHDOG: std::sync::Once = std::sync::Once::new();
    WATCHDOG.call_once(|| {
        let _ = std::thread::Builder::new()
            .name("memory-watchdog".into())
            .spawn(|| loop {
                std::thread::sleep(MEMORY_TICK);
                check_memory();
            });
    });
}

/// The bound in force.
pub fn memory() -> u64 {
    SOFT.load(Ordering::Relaxed) as u64
}

/// Whether the memory bound was passed in the last second or so (so a cancelled query
/// is explained by it).
pub fn memory_tripped() -> bool {
    TRIPPED.load(Ordering::Relaxed)
}

/// Bytes on the heap now.
pub fn live() -> usize {
    LIVE.load(Ordering::Relaxed)
}

/// The stack of the thread that parses and evaluates a query: parsers and evaluators
/// recurse once per level of nesting.
pub const QUERY_STACK: usize = 256 << 20;

/// The deepest nesting of groups, brackets and parentheses a query may have.
pub const MAX_NESTING: usize = 200;

/// The deepest a parsed query's algebra may nest (operator chains included).
pub const MAX_DEPTH: usize = 1_000;

/// The deepest nesting of `{`, `(` and `[` in a query's text, outside strings, IRIs
/// and comments; checked before parsing, so no parser or evaluator recurses without end.
///
/// It must never count less than the parser nests, whatever the text, so where the
/// text can be read two ways it keeps the deeper reading. The parser reads `<…>` as an
/// IRI where a term starts and `<` as "less than" after an operand: `1<((((…))))>0`
/// nests, and `<http://x/a)>` closes nothing. So the opening brackets of a span that
/// may be an IRI count and its closing ones do not; after such a span with a `#` the
/// rest of the line may be a comment (`1<#x>)))`), and at the end of the line the
/// deeper of the two readings is kept. A backslash outside a string escapes the next
/// character (`ex:a\)` is a name). Where no reading is certain any more (a span with a
/// `'`, which may start a string; a string that crosses a line break in the line after
/// such a span), every opening bracket counts from there on, and no closing one.
pub fn nesting(text: &str) -> usize {
    /// Can this character be part of an IRI between `<` and `>` (SPARQL's IRIREF)?
    fn in_iri(c: char) -> bool {
        !(c <= ' ' || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '^' | '`' | '\\'))
    }
    let mut depth: usize = 0;
    let mut deepest = 0;
    let mut open = |depth: &mut usize| {
        *depth += 1;
        deepest = deepest.max(*depth);
    };
    let mut chars = text.chars().peekable();
    // The depth if the rest of this line is a comment (after `<…#…>`).
    let mut comment: Option<usize> = None;
    // No reading is certain: only opening brackets count.
    let mut uncertain = false;
    while let Some(c) = chars.next() {
        if uncertain {
            if matches!(c, '{' | '(' | '[') {
                open(&mut depth);
            }
            continue;
        }
        match c {
            '\\' => {
                if matches!(chars.next(), Some('\n' | '\r')) {
                    if let Some(other) = comment.take() {
                        depth = depth.max(other);
                    }
                }
            }
            '\n' | '\r' => {
                if let Some(other) = comment.take() {
                    depth = depth.max(other);
                }
            }
            '#' => {
                for d in chars.by_ref() {
                    if d == '\n' || d == '\r' {
                        break;
                    }
                }
                if let Some(other) = comment.take() {
                    depth = depth.max(other);
                }
            }
            '"' | '\'' => {
                let long = chars.peek() == Some(&c) && {
                    let mut ahead = chars.clone();
                    ahead.next();
                    ahead.peek() == Some(&c)
                };
                if long {
                    chars.next();
                    chars.next();
                }
                let mut run = 0;
                let mut lines = false;
                while let Some(d) = chars.next() {
                    lines |= d == '\n' || d == '\r';
                    if d == '\\' {
                        chars.next();
                        run = 0;
                    } else if d == c {
                        run += 1;
                        if !long || run == 3 {
                            break;
                        }
                    } else {
                        run = 0;
                    }
                }
                // To the other reading, the line ended in a comment, and what follows
                // is not in a string.
                uncertain = lines && comment.is_some();
            }
            '<' => {
                let mut ahead = chars.clone();
                let mut span = String::new();
                let closed = loop {
                    match ahead.next() {
                        Some('>') => break true,
                        Some(d) if in_iri(d) => span.push(d),
                        _ => break false,
                    }
                };
                if !closed {
                    continue;
                }
                if span.contains('\'') {
                    uncertain = true;
                    continue;
                }
                chars = ahead;
                for d in span.chars() {
                    if matches!(d, '(' | '[') {
                        open(&mut depth);
                    }
                }
                if span.contains('#') {
                    comment = Some(comment.map_or(depth, |other| other.max(depth)));
                }
            }
            '{' | '(' | '[' => open(&mut depth),
            '}' | ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(parse_size("4096"), Some(4096));
        assert_eq!(parse_size("512M"), Some(512 << 20));
        assert_eq!(parse_size("2G"), Some(2 << 30));
        assert_eq!(parse_size("1.5GiB"), Some(3 << 29));
        assert_eq!(parse_size("0"), None);
        assert_eq!(parse_size("lots"), None);
        assert_eq!(parse_size("-1G"), None);
        assert_eq!(show_size(3 << 29), "1.5 GiB");
    }

    #[test]
    fn nesting_skips_strings_iris_and_comments() {
        assert_eq!(nesting("SELECT * WHERE { ?s ?p ?o }"), 1);
        assert_eq!(nesting("SELECT * WHERE { { { } } }"), 3);
        assert_eq!(nesting("SELECT * WHERE { ?s ?p \"{{{{\" } # {{{{\n"), 1);
        assert_eq!(nesting("SELECT * WHERE { ?s <http://x/#a> ?o }"), 1);
        assert_eq!(nesting("SELECT * WHERE { ?s ex:a\\)\\( ?o }"), 1);
        assert_eq!(nesting("SELECT * WHERE { ?s ?p '''a ' { '' ''' }"), 1);
        assert_eq!(nesting("SELECT * WHERE { FILTER(?a < ?b && (?c)) }"), 3);
        let deep = format!("SELECT * WHERE {}{}", "{".repeat(5000), "}".repeat(5000));
        assert_eq!(nesting(&deep), 5000);
    }

    /// The ways a text can be read otherwise than the parser reads it, each used to hide
    /// 300 levels: none is counted lower than the parser nests.
    #[test]
    fn nesting_counts_what_the_parser_may_read_as_brackets() {
        let (open, close) = ("(".repeat(300), ")".repeat(300));
        // `<` as "less than", before brackets with no space: not an IRI to the parser.
        let less = format!("SELECT * WHERE {{ FILTER(1<{open}1{close}>0) }}");
        assert_eq!(nesting(&less), 302);
        // `(0 < ((0 > ((…` hides two levels in each `<((0>`.
        let mixed = format!(
            "SELECT * WHERE {{ FILTER({}1{}) }}",
            "(0<((0>".repeat(150),
            ")))".repeat(150)
        );
        assert!(nesting(&mixed) >= 450, "{}", nesting(&mixed));
        // An IRI's closing brackets close nothing.
        let iris = format!(
            "SELECT * WHERE {}{} }}",
            "{ ?s <http://x/)> ?o . ".repeat(300),
            "}".repeat(299)
        );
        assert_eq!(nesting(&iris), 300);
        // A name's escaped brackets are no brackets.
        let names = format!(
            "SELECT * WHERE {}{} }}",
            "{ ?s ex:a\\) ?o . ".repeat(300),
            "}".repeat(299)
        );
        assert_eq!(nesting(&names), 300);
        // `1<#x>` may start a comment: what follows on that line closes nothing.
        let comment = format!("SELECT * WHERE {{ FILTER(1<#x>{close}\n{open}1{close}) }}");
        assert!(nesting(&comment) >= 300);
        let hidden = format!(
            "SELECT * WHERE {}{} }}",
            "{ FILTER(1<#x>))\n".repeat(300),
            "}".repeat(299)
        );
        assert!(nesting(&hidden) >= 300);
        // `<x'>`: an IRI, or the start of a string: from there on, opening brackets count.
        let quote = format!("SELECT * WHERE {{ ?s <x'> ?o {open}'{close}' }}");
        assert!(nesting(&quote) >= 300);
        // A line of IRIs with fragments and brackets after them counts as it nests.
        let line = format!(
            "SELECT * WHERE {{ {}}}",
            "{ ?s <http://x/#p> ?o FILTER(?o > (1)) } ".repeat(300)
        );
        assert_eq!(nesting(&line), 4);
        // The ordinary cases stay as they were.
        assert_eq!(nesting("SELECT * WHERE { ?s <http://x/a(b)c> ?o }"), 2);
        assert_eq!(nesting("ASK { FILTER(?a<?b) }"), 2);
        assert_eq!(nesting("ASK { ?s ?p ?o FILTER(?o <= 3 && (?o > 1)) }"), 3);
    }
}
