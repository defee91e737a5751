package io.movierecs.worker.topology;

import io.movierecs.events.CatalogTable;
import io.movierecs.events.SourceVersion;
import io.movierecs.worker.WorkerMetrics;
import io.movierecs.worker.change.CatalogChange;
import io.movierecs.worker.change.Keys;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keyed by person: knows each person's name and their credits. A credit goes on to its movie with the person's
 * name (and the name's version) added; a rename (or delete) of a person goes on to exactly the movies that person
 * is credited in. A name or credit older (by source version) than the one held is ignored; deletes are
 * remembered with their version ({@link PersonState}). A record that makes this fail is a dead letter.
 */
final class PersonProcessor implements Processor<String, CatalogChange, String, Routed> {

    static final String NAMES = "person-names";
    static final String CREDITS = "person-credits";

    private final WorkerMetrics metrics;
    private final TopologySettings settings;
    private ProcessorContext<String, Routed> context;
    private KeyValueStore<String, String> names;
    private KeyValueStore<String, String> credits;

    PersonProcessor(WorkerMetrics metrics, TopologySettings settings) {
        this.metrics = metrics;
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.names = context.getStateStore(NAMES);
        this.credits = context.getStateStore(CREDITS);
    }

    @Override
    public void process(Record<String, CatalogChange> record) {
        try {
            CatalogChange change = record.value();
            String person = Keys.person(change.personId());
            if (change.table() == CatalogTable.PEOPLE) {
                person(record, change, person);
            } else {
                credit(record, change, person);
            }
        } catch (RuntimeException e) {
            DeadLetter letter = RecordFailures.deadLetter(context, record, e, settings, metrics);
            context.forward(record.withValue(Routed.dead(letter))
                    .withHeaders(RecordFailures.headers(context, record, e, settings)));
        }
    }

    private void person(Record<String, CatalogChange> record, CatalogChange change, String person) {
        PersonState.Name held = PersonState.Name.of(names.get(person));
        if (held != null && SourceVersion.compare(change.version(), held.version()) < 0) {
            metrics.olderChangeIgnored(CatalogTable.PEOPLE.tableName());
            return;
        }
        String name = change.op().isDelete() ? null : change.row().path("name").asString(null);
        names.put(person, new PersonState.Name(name, change.version()).toJson());
        if (held != null && Objects.equals(held.name(), name)) {
            return;
        }
        TreeSet<Long> movieIds = new TreeSet<>();
        PersonState.Credits.of(credits.get(person)).live().keySet()
                .forEach(credit -> movieIds.add(Long.parseLong(credit.substring(0, credit.indexOf('/')))));
        for (long movieId : movieIds) {
            ObjectNode row = change.row().deepCopy().put("movie_id", movieId);
            context.forward(record.withKey(Keys.movie(movieId)).withValue(Routed.change(change.withRow(row))));
        }
    }

    private void credit(Record<String, CatalogChange> record, CatalogChange change, String person) {
        PersonState.Credits held = PersonState.Credits.of(credits.get(person));
        String credit = change.movieId() + "/" + change.row().path("role").asString();
        if (SourceVersion.compare(change.version(), held.version(credit)) < 0) {
            metrics.olderChangeIgnored(CatalogTable.MOVIE_PEOPLE.tableName());
            return;
        }
        held.put(credit, change.version(), change.op().isDelete());
        credits.put(person, held.toJson());
        ObjectNode row = change.row().deepCopy();
        PersonState.Name name = PersonState.Name.of(names.get(person));
        if (name != null && name.name() != null) {
            row.put("name", name.name());
        }
        if (name != null && name.version() != null) {
            row.put("name_version", name.version());
        }
        context.forward(record.withKey(Keys.movie(change.movieId())).withValue(Routed.change(change.withRow(row))));
    }
}
