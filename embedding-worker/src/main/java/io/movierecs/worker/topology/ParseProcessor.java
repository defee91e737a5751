package io.movierecs.worker.topology;

import io.movierecs.events.CatalogTable;
import io.movierecs.worker.WorkerMetrics;
import io.movierecs.worker.change.ChangeParser;
import io.movierecs.worker.change.Keys;
import io.movierecs.worker.change.PoisonRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Parses Debezium envelopes of one table; a poison record (not a change, no key, or a key wrapped by Kafka
 * Connect's JsonConverter with schemas, which would break co-partitioning) is passed on as such, with
 * dead-letter headers.
 */
final class ParseProcessor implements Processor<String, String, String, Parsed> {

    private final ChangeParser parser;
    private final CatalogTable table;
    private final WorkerMetrics metrics;
    private ProcessorContext<String, Parsed> context;

    ParseProcessor(CatalogTable table, WorkerMetrics metrics) {
        this.parser = new ChangeParser(table);
        this.table = table;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Parsed> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, String> record) {
        try {
            if (record.key() == null && record.value() != null) {
                throw new PoisonRecordException("record without a key");
            }
            if (Keys.isWrapped(record.key())) {
                metrics.wrappedKey(table.tableName());
                throw new PoisonRecordException(Keys.WRAPPED_KEY_ERROR);
            }
            parser.parse(record.value()).ifPresent(change -> context.forward(record.withValue(Parsed.ok(change))));
        } catch (RuntimeException e) {
            if (e instanceof KafkaException) {
                throw e;
            }
            metrics.deadLetter(table.tableName());
            context.forward(record.withValue(Parsed.poison(record.value()))
                    .withHeaders(DeadLetters.headers(record.headers(), context, e)));
        }
    }
}
