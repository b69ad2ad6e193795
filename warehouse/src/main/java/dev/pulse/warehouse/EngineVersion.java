package dev.pulse.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The embedded engine build Pulse is verified with, written once in the root pom ({@code chdb.version},
 * {@code chdb.sha256}) and filled into {@code engine.properties} by the build; {@code scripts/lib.sh} reads the pom.
 */
public final class EngineVersion {

    private static final Properties PINNED = load();

    /** The version of the npm package {@code @chdb/lib-linux-x64-gnu}. */
    public static final String VERSION = PINNED.getProperty("version");

    /** SHA-256 of {@code package/libchdb.so} in that package. */
    public static final String SHA256 = PINNED.getProperty("sha256");

    private EngineVersion() {}

    private static Properties load() {
        try (InputStream in = EngineVersion.class.getResourceAsStream("engine.properties")) {
            if (in == null) {
                throw new IllegalStateException("engine.properties is missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new IllegalStateException("engine.properties cannot be read", e);
        }
    }
}
