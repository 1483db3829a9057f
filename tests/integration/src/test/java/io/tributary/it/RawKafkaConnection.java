package io.tributary.it;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;

/** A socket speaking Kafka frames byte for byte, for sending what no well-behaved client would. */
final class RawKafkaConnection implements AutoCloseable {

    /** What became of a frame: an answer, a closed connection, or silence until the read timeout. */
    enum Outcome { ANSWERED, CLOSED, SILENT }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawKafkaConnection(int port, int readTimeoutMs) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(readTimeoutMs);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    static ByteBuffer serialize(AbstractRequest request, int correlationId) {
        RequestHeader header = header(request.apiKey(), request.version(), correlationId);
        return request.serializeWithHeader(header);
    }

    static RequestHeader header(ApiKeys api, short version, int correlationId) {
        return new RequestHeader(api, version, "raw-client", correlationId);
    }

    /** Sends a frame: its size as a 4-byte integer, then the bytes. */
    void sendFrame(byte[] body) throws IOException {
        sendRaw(ByteBuffer.allocate(4).putInt(body.length).array());
        sendRaw(body);
    }

    void sendRaw(byte[] bytes) throws IOException {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException closedByPeer) {
            // the broker may close before reading everything
        }
    }

    /** The next response frame, or null when the broker closed the connection. */
    ByteBuffer readFrame() throws IOException {
        try {
            int size = in.readInt();
            byte[] body = new byte[size];
            in.readFully(body);
            return ByteBuffer.wrap(body);
        } catch (EOFException | java.net.SocketException closed) {
            return null;
        }
    }

    Outcome outcome() throws IOException {
        try {
            return readFrame() == null ? Outcome.CLOSED : Outcome.ANSWERED;
        } catch (SocketTimeoutException e) {
            return Outcome.SILENT;
        }
    }

    <T extends AbstractResponse> T call(AbstractRequest request, int correlationId, Class<T> type) throws IOException {
        ByteBuffer frame = serialize(request, correlationId);
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        sendFrame(bytes);
        ByteBuffer response = readFrame();
        if (response == null) {
            throw new IOException("connection closed instead of an answer to " + request.apiKey());
        }
        return type.cast(AbstractResponse.parseResponse(response, header(request.apiKey(), request.version(), correlationId)));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
