//! Embeds `content/` and `keymaps/` into the binary so `almanac` runs from any directory.
//! Generates `$OUT_DIR/embedded.rs` with one `include_str!` per file; cargo reruns this
//! whenever anything under those folders changes.
use std::{env, fs, path::Path};

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push(rel);
        }
    }
}

fn main() {
    let manifest = env::var("CARGO_MANIFEST_DIR").unwrap();
    let manifest = Path::new(&manifest);
    let mut code = String::new();
    for (name, folder) in [("CONTENT", "content"), ("KEYMAPS", "keymaps")] {
        println!("cargo:rerun-if-changed={folder}");
        let root = manifest.join(folder);
        let mut files = Vec::new();
        collect(&root, &root, &mut files);
        code.push_str(&format!("pub static {name}: &[(&str, &str)] = &[\n"));
        for rel in files {
            let full = root.join(&rel);
            code.push_str(&format!(
                "    ({rel:?}, include_str!({:?})),\n",
                full.to_string_lossy()
            ));
        }
        code.push_str("];\n");
    }
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("embedded.rs");
    fs::write(out, code).unwrap();
}
