package io.tributary.host.metrics;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.spi.metrics.Counter;
import io.tributary.spi.metrics.Histogram;
import io.tributary.spi.metrics.ModuleMetrics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pulsar.common.util.SimpleTextOutputStream;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

public class ModuleMetricsEndpointTest {

    private ModuleMetricsEndpoint endpoint;

    @BeforeMethod
    public void newEndpoint() {
        endpoint = new ModuleMetricsEndpoint("east");
    }

    private String scrape() {
        ByteBuf buffer = Unpooled.buffer();
        try {
            endpoint.generate(new SimpleTextOutputStream(buffer));
            return buffer.toString(StandardCharsets.UTF_8);
        } finally {
            buffer.release();
        }
    }

    @Test
    public void countersAreNamedAfterTheProtocolAndLabelledWithTheClusterFirst() {
        ModuleMetrics metrics = endpoint.open("kafka");
        metrics.counter("requests_total", "Requests", Map.of("api", "Produce")).add(3);
        metrics.counter("requests_total", "Requests", Map.of("api", "Fetch")).increment();

        assertEquals(scrape(), """
                # HELP tributary_kafka_requests_total Requests
                # TYPE tributary_kafka_requests_total counter
                tributary_kafka_requests_total{cluster="east",api="Fetch"} 1
                tributary_kafka_requests_total{cluster="east",api="Produce"} 3
                """);
    }

    @Test
    public void theSameNameAndLabelsGiveTheSameSeries() {
        ModuleMetrics metrics = endpoint.open("kafka");
        Counter first = metrics.counter("errors_total", "Errors", Map.of("api", "Fetch", "error", "X"));
        Counter again = metrics.counter("errors_total", "Errors", Map.of("error", "X", "api", "Fetch"));

        assertSame(again, first);
        first.increment();
        assertTrue(scrape().contains("tributary_kafka_errors_total{cluster=\"east\",api=\"Fetch\",error=\"X\"} 1\n"));
    }

    @Test
    public void aGaugeIsReadAtEachScrape() {
        AtomicLong open = new AtomicLong(2);
        endpoint.open("mqtt").gauge("connections", "Open connections", Map.of(), open::get);
        assertTrue(scrape().contains("# TYPE tributary_mqtt_connections gauge\ntributary_mqtt_connections{cluster=\"east\"} 2\n"));

        open.set(5);
        assertTrue(scrape().contains("tributary_mqtt_connections{cluster=\"east\"} 5\n"));
    }

    @Test
    public void aHistogramWritesCumulativeBucketsItsSumAndCount() {
        Histogram seconds = endpoint.open("kafka").histogram("request_duration_seconds", "Request time",
                List.of(0.001, 0.01), Map.of("api", "Produce"));
        seconds.observe(0.0005);
        seconds.observe(0.001);
        seconds.observe(0.005);
        seconds.observe(2.0);

        assertEquals(scrape(), """
                # HELP tributary_kafka_request_duration_seconds Request time
                # TYPE tributary_kafka_request_duration_seconds histogram
                tributary_kafka_request_duration_seconds_bucket{cluster="east",api="Produce",le="0.001"} 2
                tributary_kafka_request_duration_seconds_bucket{cluster="east",api="Produce",le="0.01"} 3
                tributary_kafka_request_duration_seconds_bucket{cluster="east",api="Produce",le="+Inf"} 4
                tributary_kafka_request_duration_seconds_sum{cluster="east",api="Produce"} 2.0065
                tributary_kafka_request_duration_seconds_count{cluster="east",api="Produce"} 4
                """);
    }

    @Test
    public void labelValuesAreEscaped() {
        endpoint.open("kafka").counter("odd_total", "Odd", Map.of("name", "a\"b\\c\nd")).increment();

        assertTrue(scrape().contains("tributary_kafka_odd_total{cluster=\"east\",name=\"a\\\"b\\\\c\\nd\"} 1\n"));
    }

    @Test
    public void aClosedModulesMetricsLeaveTheEndpoint() {
        ModuleMetrics metrics = endpoint.open("kafka");
        metrics.counter("requests_total", "Requests", Map.of()).increment();

        endpoint.close("kafka", metrics);

        assertEquals(scrape(), "");
    }

    @Test
    public void closingAnEarlierRunLeavesTheRestartedModulesMetrics() {
        ModuleMetrics before = endpoint.open("kafka");
        ModuleMetrics after = endpoint.open("kafka");
        after.counter("requests_total", "Requests", Map.of()).increment();

        endpoint.close("kafka", before);

        assertTrue(scrape().contains("tributary_kafka_requests_total{cluster=\"east\"} 1\n"));
    }

    @Test
    public void modulesAreWrittenInProtocolOrder() {
        endpoint.open("mqtt").gauge("connections", "Open", Map.of(), () -> 1);
        endpoint.open("amqp").gauge("connections", "Open", Map.of(), () -> 1);

        String text = scrape();
        assertTrue(text.indexOf("tributary_amqp_connections") < text.indexOf("tributary_mqtt_connections"));
    }

    @Test
    public void namesThatPrometheusOrTheHostWouldMisreadAreRefused() {
        ModuleMetrics metrics = endpoint.open("kafka");
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("requests", "no _total", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("Requests_total", "upper case", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("a_total", "", Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> metrics.counter("a_total", "host label", Map.of("cluster", "x")));
        assertThrows(IllegalArgumentException.class,
                () -> metrics.counter("a_total", "bucket label", Map.of("le", "1")));
        assertThrows(IllegalArgumentException.class,
                () -> metrics.histogram("h", "not increasing", List.of(1.0, 1.0), Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> metrics.histogram("h", "infinite", List.of(Double.POSITIVE_INFINITY), Map.of()));
    }

    @Test
    public void aNameKeepsItsKindAndHelp() {
        ModuleMetrics metrics = endpoint.open("kafka");
        metrics.counter("requests_total", "Requests", Map.of());

        assertThrows(IllegalArgumentException.class,
                () -> metrics.gauge("requests_total", "Requests", Map.of(), () -> 1));
        assertThrows(IllegalArgumentException.class, () -> metrics.counter("requests_total", "Other", Map.of()));
        assertFalse(scrape().contains("gauge"));
    }

    @Test
    public void countersDoNotGoDown() {
        Counter counter = endpoint.open("kafka").counter("requests_total", "Requests", Map.of());
        assertThrows(IllegalArgumentException.class, () -> counter.add(-1));
    }
}
