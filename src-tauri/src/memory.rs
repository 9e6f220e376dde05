//! The shell's idle memory.

/// Hands the heap memory freed since start-up back to the system. glibc's allocator keeps freed
/// memory of every thread's arena for reuse, and only returns the top of the main one by itself:
/// what the start-up's reads, calls and backup freed stayed counted to the app while it idles.
pub fn release_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointers and only gives free pages back; it is safe to call
    // from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    /// Resident memory of this process, in KiB.
    fn resident_kib() -> u64 {
        let status = std::fs::read_to_string("/proc/self/status").expect("status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS")
    }

    #[test]
    fn memory_freed_on_another_thread_goes_back_to_the_system() {
        const BLOCKS: usize = 16_000;
        // 64 MiB in small blocks, freed but for the last one, which keeps the allocator from
        // giving back the top of its heap by itself: what a burst of start-up work leaves.
        let last = std::thread::spawn(|| {
            let mut blocks: Vec<Vec<u8>> = (0..BLOCKS).map(|i| vec![i as u8; 4096]).collect();
            let last = blocks.pop();
            drop(blocks);
            last
        })
        .join()
        .expect("thread");
        let before = resident_kib();
        super::release_freed();
        let after = resident_kib();
        assert!(
            before.saturating_sub(after) > 32 * 1024,
            "resident {before} KiB before, {after} KiB after"
        );
        drop(last);
    }
}
