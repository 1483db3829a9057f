package io.tributary.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Waits until the modules have bound their listeners, then prints one line with every endpoint. */
final class ReadyLine {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private ReadyLine() {
    }

    static void print(StandaloneOptions options, EmbeddedBroker broker) {
        String admin = "http://localhost:" + options.adminPort();
        List<String> parts = new ArrayList<>();
        JsonNode modules = awaitModules(admin);
        if (modules != null) {
            for (JsonNode module : modules) {
                for (JsonNode listener : module.path("listeners")) {
                    parts.add(listener.path("protocol").asText() + " " + listener.path("advertised").asText());
                }
                if (module.hasNonNull("error")) {
                    System.err.println("tributary: module " + module.path("name").asText() + " failed: "
                            + module.path("error").asText());
                }
            }
        }
        parts.add("pulsar " + broker.brokerServiceUrl());
        parts.add("http " + broker.webServiceUrl());
        parts.add("modules-admin " + admin);
        parts.add("data " + options.dataDir());
        System.out.println("Tributary ready: " + String.join(", ", parts));
    }

    private static JsonNode awaitModules(String admin) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(admin + "/admin/modules")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                last = json.readTree(response.body()).path("modules");
                if (settled(last)) {
                    return last;
                }
            } catch (Exception notYet) {
                // the admin listener is not up yet
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
        }
        return last;
    }

    private static boolean settled(JsonNode modules) {
        for (JsonNode module : modules) {
            String state = module.path("state").asText();
            if (!state.equals("ACTIVE") && !state.equals("FAILED")) {
                return false;
            }
        }
        return true;
    }
}
