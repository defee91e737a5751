package io.movierecs.launcher;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void aTakenPortIsAClearErrorNamingTheOptionToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            LaunchSettings.Ports ports = new LaunchSettings.Ports(TestStacks.freePort(), TestStacks.freePort(),
                    TestStacks.freePort(), taken.getLocalPort(), TestStacks.freePort(), TestStacks.freePort(),
                    TestStacks.freePort());
            assertThatThrownBy(() -> PortCheck.requireFree(ports))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " on 127.0.0.1 is taken")
                    .hasMessageContaining("--index-port");
        }
    }

    @Test
    void oneFreePortGivenTwiceIsAnError() throws Exception {
        int port = TestStacks.freePort();
        LaunchSettings.Ports ports = new LaunchSettings.Ports(port, TestStacks.freePort(), TestStacks.freePort(),
                TestStacks.freePort(), TestStacks.freePort(), port, TestStacks.freePort());
        assertThatThrownBy(() -> PortCheck.requireFree(ports)).hasMessageContaining("given to both");
    }

    @Test
    void freePortsPass() throws Exception {
        LaunchSettings.Ports ports = new LaunchSettings.Ports(TestStacks.freePort(), TestStacks.freePort(),
                TestStacks.freePort(), TestStacks.freePort(), TestStacks.freePort(), TestStacks.freePort(),
                TestStacks.freePort());
        assertThatCode(() -> PortCheck.requireFree(ports)).doesNotThrowAnyException();
    }
}
