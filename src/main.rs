fn main() {
    std::process::exit(motcua::cli::main());
}
