package io.tributary.host.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.host.modules.ModuleStatus;
import io.tributary.spi.Listener;
import java.net.InetSocketAddress;
import java.util.List;

/** The JSON shapes of the modules admin API. */
final class ModulesJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ModulesJson() {
    }

    static String list(List<ModuleStatus> modules) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode array = root.putArray("modules");
        modules.forEach(m -> array.add(module(m)));
        return root.toPrettyString();
    }

    static String one(ModuleStatus module) {
        return module(module).toPrettyString();
    }

    static String error(String message) {
        return MAPPER.createObjectNode().put("error", message).toPrettyString();
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static ObjectNode module(ModuleStatus m) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("name", m.name())
                .put("file", m.file())
                .put("version", m.version())
                .put("state", m.state())
                .put("protocol", m.protocol())
                .put("connections", m.connections());
        ArrayNode listeners = node.putArray("listeners");
        for (Listener l : m.listeners()) {
            listeners.addObject()
                    .put("name", l.name())
                    .put("protocol", l.protocol())
                    .put("bind", hostPort(l.bind()))
                    .put("advertised", l.advertised().toString());
        }
        node.put("error", m.error());
        return node;
    }
}
