package io.tributary.standalone;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** Client of the host's modules admin API ({@code /admin/modules}). Answers are the API's JSON. */
public final class ModulesClient {

    /** The answer of one call: HTTP status and JSON body. */
    public record Reply(int status, String json) {
        public boolean ok() {
            return status == 200;
        }
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ModulesClient(String adminUrl) {
        this.base = URI.create(adminUrl.endsWith("/") ? adminUrl : adminUrl + "/");
    }

    public Reply list() throws IOException {
        return send(HttpRequest.newBuilder(base.resolve("admin/modules")).GET());
    }

    public Reply install(Path jar) throws IOException {
        String file = URLEncoder.encode(jar.getFileName().toString(), StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(base.resolve("admin/modules?file=" + file))
                .POST(HttpRequest.BodyPublishers.ofFile(jar)));
    }

    public Reply upgrade(String name, Path jar) throws IOException {
        return send(HttpRequest.newBuilder(module(name)).PUT(HttpRequest.BodyPublishers.ofFile(jar)));
    }

    public Reply uninstall(String name) throws IOException {
        return send(HttpRequest.newBuilder(module(name)).DELETE());
    }

    private URI module(String name) {
        return base.resolve("admin/modules/" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    }

    private Reply send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
