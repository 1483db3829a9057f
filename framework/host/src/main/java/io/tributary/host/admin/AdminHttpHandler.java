package io.tributary.host.admin;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tributary.host.modules.ModuleOperationException;
import io.tributary.host.modules.ModuleRegistry;
import io.tributary.host.modules.ModuleStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The modules admin API, JSON over HTTP:
 * {@code GET /admin/modules}, {@code POST /admin/modules?file=NAME.jar} (body: the jar),
 * {@code PUT /admin/modules/NAME} (body: the new jar), {@code DELETE /admin/modules/NAME}.
 * Module operations run on the registry's thread; this handler only answers when they finish.
 */
@ChannelHandler.Sharable
final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final String MODULES = "/admin/modules";

    private final ModuleRegistry registry;

    AdminHttpHandler(ModuleRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        HttpMethod method = request.method();
        CompletableFuture<String> body;
        if (path.equals(MODULES) && method.equals(HttpMethod.GET)) {
            body = CompletableFuture.completedFuture(ModulesJson.list(registry.list()));
        } else if (path.equals(MODULES) && method.equals(HttpMethod.POST)) {
            List<String> file = uri.parameters().get("file");
            body = file == null || file.isEmpty()
                    ? CompletableFuture.failedFuture(ModuleOperationException.badRequest("missing ?file=NAME.jar"))
                    : registry.install(file.get(0), content(request)).thenApply(ModulesJson::one);
        } else if (path.startsWith(MODULES + "/") && method.equals(HttpMethod.PUT)) {
            body = registry.upgrade(name(path), content(request)).thenApply(ModulesJson::one);
        } else if (path.startsWith(MODULES + "/") && method.equals(HttpMethod.DELETE)) {
            body = registry.uninstall(name(path)).thenApply(ModulesJson::one);
        } else {
            body = CompletableFuture.failedFuture(new ModuleOperationException(404, "no such endpoint: " + method + " " + path));
        }
        body.whenComplete((json, error) -> {
            if (error == null) {
                respond(ctx, HttpResponseStatus.OK, json, keepAlive);
            } else {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                int status = cause instanceof ModuleOperationException e ? e.status() : 500;
                respond(ctx, HttpResponseStatus.valueOf(status), ModulesJson.error(String.valueOf(cause.getMessage())),
                        keepAlive);
            }
        });
    }

    private static byte[] content(FullHttpRequest request) {
        return ByteBufUtil.getBytes(request.content());
    }

    private static String name(String path) {
        return QueryStringDecoder.decodeComponent(path.substring(MODULES.length() + 1));
    }

    private static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String json, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(json + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, keepAlive);
        var write = ctx.writeAndFlush(response);
        if (!keepAlive) {
            write.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
