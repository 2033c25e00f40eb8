/*
 * Marks one version requirement of an ELF64 shared library as weak, in place.
 *
 * usage: elf_weaken_version FILE VERSION      e.g. elf_weaken_version libLibTorchSharp.so GLIBCXX_3.4.32
 *
 * The dynamic loader refuses to load a library whose SHT_GNU_verneed section requires a symbol version
 * that the providing library lacks, unless that requirement (a Vernaux entry) carries VER_FLG_WEAK.
 * With the flag set, the loader tolerates the missing version, and the symbol itself is then found
 * in NeuroKit's shim. Exit codes: 0 patched or already weak, 3 version not required, 1 error.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const char *what, const char *file)
{
    fprintf(stderr, "elf_weaken_version: %s: %s\n", file, what);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: elf_weaken_version FILE VERSION\n");
        return 1;
    }
    const char *path = argv[1], *version = argv[2];
    FILE *f = fopen(path, "rb");
    if (!f) return fail("cannot open", path);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)size);
    if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) { fclose(f); return fail("cannot read", path); }
    fclose(f);

    if (size < (long)sizeof(Elf64_Ehdr) || memcmp(buf, ELFMAG, SELFMAG) != 0) return fail("not an ELF file", path);
    if (buf[EI_CLASS] != ELFCLASS64 || buf[EI_DATA] != ELFDATA2LSB) return fail("not a little-endian ELF64 file", path);
    Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
    if (eh->e_shoff == 0 || eh->e_shoff + (Elf64_Off)eh->e_shnum * sizeof(Elf64_Shdr) > (Elf64_Off)size)
        return fail("section headers missing or truncated", path);
    Elf64_Shdr *sh = (Elf64_Shdr *)(buf + eh->e_shoff);

    int found = 0, changed = 0;
    for (int i = 0; i < eh->e_shnum; i++) {
        if (sh[i].sh_type != SHT_GNU_verneed) continue;
        if (sh[i].sh_link >= eh->e_shnum) return fail("verneed section links to no string table", path);
        const char *strtab = (const char *)(buf + sh[sh[i].sh_link].sh_offset);
        Elf64_Off off = sh[i].sh_offset;
        for (unsigned n = 0; n < sh[i].sh_info; n++) {
            if (off + sizeof(Elf64_Verneed) > (Elf64_Off)size) return fail("verneed entry out of bounds", path);
            Elf64_Verneed *vn = (Elf64_Verneed *)(buf + off);
            Elf64_Off aux = off + vn->vn_aux;
            for (unsigned a = 0; a < vn->vn_cnt; a++) {
                if (aux + sizeof(Elf64_Vernaux) > (Elf64_Off)size) return fail("vernaux entry out of bounds", path);
                Elf64_Vernaux *va = (Elf64_Vernaux *)(buf + aux);
                if (strcmp(strtab + va->vna_name, version) == 0) {
                    found = 1;
                    if (!(va->vna_flags & VER_FLG_WEAK)) {
                        va->vna_flags |= VER_FLG_WEAK;
                        changed = 1;
                    }
                }
                if (va->vna_next == 0) break;
                aux += va->vna_next;
            }
            if (vn->vn_next == 0) break;
            off += vn->vn_next;
        }
    }
    if (!found) {
        fprintf(stderr, "elf_weaken_version: %s does not require %s\n", path, version);
        return 3;
    }
    if (changed) {
        f = fopen(path, "r+b");
        if (!f || fwrite(buf, 1, (size_t)size, f) != (size_t)size || fclose(f) != 0) return fail("cannot write", path);
    }
    free(buf);
    return 0;
}
