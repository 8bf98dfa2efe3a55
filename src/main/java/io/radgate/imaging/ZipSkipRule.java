package io.radgate.imaging;

import java.util.Locale;

/** Which regular entries of a ZIP archive are passed over without being handed to the visitor. */
public enum ZipSkipRule {
    /** Every regular entry is visited. */
    NONE {
        @Override
        public boolean skips(String name) {
            return false;
        }
    },
    /**
     * CT-CLIP's rule (PROTOCOLS.md 4.2, DECISIONS.md): skip an entry whose BASE name,
     * case-insensitively, starts with {@code .} or ends with {@code .txt}, {@code .pdf},
     * {@code .jpg} or {@code .png}; also anything under a {@code __MACOSX/} folder (macOS
     * resource forks, which are named {@code ._x} anyway).
     */
    CT_CLIP {
        @Override
        public boolean skips(String name) {
            String base = ZipEntryNames.baseName(name).toLowerCase(Locale.ROOT);
            if (base.startsWith(".") || base.endsWith(".txt") || base.endsWith(".pdf") || base.endsWith(".jpg")
                    || base.endsWith(".png")) {
                return true;
            }
            for (String segment : name.replace('\\', '/').split("/")) {
                if (segment.equalsIgnoreCase("__MACOSX")) {
                    return true;
                }
            }
            return false;
        }
    };

    /** Whether the regular entry named {@code name} (its full path in the archive) is skipped. */
    public abstract boolean skips(String name);
}
