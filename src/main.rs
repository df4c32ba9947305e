// sled allocates and frees a node copy on every write; glibc's malloc spends most of a bulk
// load in its free lists there (perf: _int_malloc, unlink_chunk). mimalloc does not.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(motcua::cli::main());
}
