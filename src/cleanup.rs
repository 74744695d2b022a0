//! Nothing half-made is left behind: while a file is being written beside its target,
//! its temporary path is registered here, and an interrupt (SIGINT, SIGTERM, SIGHUP) or
//! the memory bound removes it before the process ends. The signal handler only calls
//! functions that are safe in a handler (`unlink`, `signal`, `raise`).

use std::ffi::{c_char, c_int, CString};
use std::path::Path;
use std::sync::atomic::{AtomicPtr, Ordering};

/// The temporary file being written, as a C string, or null.
static TEMPORARY: AtomicPtr<c_char> = AtomicPtr::new(std::ptr::null_mut());

/// Registers the temporary file being written until `Registered` is dropped.
pub fn register(path: &Path) -> Registered {
    use std::os::unix::ffi::OsStrExt;
    if let Ok(c) = CString::new(path.as_os_str().as_bytes()) {
        let old = TEMPORARY.swap(c.into_raw(), Ordering::SeqCst);
        free(old);
    }
    Registered(())
}

/// Unregisters the temporary file when dropped (it was renamed or removed).
pub struct Registered(());

impl Drop for Registered {
    fn drop(&mut self) {
        free(TEMPORARY.swap(std::ptr::null_mut(), Ordering::SeqCst));
    }
}

fn free(p: *mut c_char) {
    if !p.is_null() {
        drop(unsafe { CString::from_raw(p) });
    }
}

/// Removes the registered temporary file, without allocating: for the signal handler
/// and the memory bound.
pub fn remove_temporary_now() {
    let p = TEMPORARY.swap(std::ptr::null_mut(), Ordering::SeqCst);
    if !p.is_null() {
        unsafe { libc::unlink(p) };
    }
}

extern "C" fn on_signal(signal: c_int) {
    remove_temporary_now();
    unsafe {
        libc::signal(signal, libc::SIG_DFL);
        libc::raise(signal);
    }
}

/// Installs the handler for SIGINT, SIGTERM and SIGHUP.
pub fn install() {
    for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        unsafe {
            libc::signal(signal, on_signal as *const () as libc::sighandler_t);
        }
    }
}
