package io.movierecs.cdc;

import io.movierecs.catalog.db.EmbeddedCatalog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

final class CdcTestSupport {

    private CdcTestSupport() {
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A catalog whose PostgreSQL runs with wal_level=replica, to check the fail-fast message. */
    static EmbeddedCatalog startWithoutLogicalDecoding(Path dir) throws IOException {
        return EmbeddedCatalog.start(dir, freePort(), "replica");
    }
}
