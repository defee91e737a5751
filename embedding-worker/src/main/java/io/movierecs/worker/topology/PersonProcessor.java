package io.movierecs.worker.topology;

import io.movierecs.events.CatalogTable;
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
 * name added; a rename (or delete) of a person goes on to exactly the movies that person is credited in.
 */
final class PersonProcessor implements Processor<String, CatalogChange, String, CatalogChange> {

    static final String NAMES = "person-names";
    static final String CREDITS = "person-credits";

    private ProcessorContext<String, CatalogChange> context;
    private KeyValueStore<String, String> names;
    private KeyValueStore<String, String> credits;

    @Override
    public void init(ProcessorContext<String, CatalogChange> context) {
        this.context = context;
        this.names = context.getStateStore(NAMES);
        this.credits = context.getStateStore(CREDITS);
    }

    @Override
    public void process(Record<String, CatalogChange> record) {
        CatalogChange change = record.value();
        String person = Keys.person(change.personId());
        if (change.table() == CatalogTable.PEOPLE) {
            person(record, change, person);
        } else {
            credit(record, change, person);
        }
    }

    private void person(Record<String, CatalogChange> record, CatalogChange change, String person) {
        String name = change.op().isDelete() ? null : change.row().path("name").asString(null);
        String old = names.get(person);
        if (name == null) {
            names.delete(person);
        } else {
            names.put(person, name);
        }
        if (Objects.equals(old, name)) {
            return;
        }
        TreeSet<Long> movieIds = new TreeSet<>();
        creditsOf(person).forEach(credit -> movieIds.add(Long.parseLong(credit.substring(0, credit.indexOf('/')))));
        for (long movieId : movieIds) {
            ObjectNode row = change.row().deepCopy().put("movie_id", movieId);
            context.forward(record.withKey(Keys.movie(movieId)).withValue(change.withRow(row)));
        }
    }

    private void credit(Record<String, CatalogChange> record, CatalogChange change, String person) {
        TreeSet<String> movies = creditsOf(person);
        String credit = change.movieId() + "/" + change.row().path("role").asString();
        boolean changed = change.op().isDelete() ? movies.remove(credit) : movies.add(credit);
        if (changed) {
            if (movies.isEmpty()) {
                credits.delete(person);
            } else {
                credits.put(person, String.join(",", movies));
            }
        }
        ObjectNode row = change.row().deepCopy();
        String name = names.get(person);
        if (name != null) {
            row.put("name", name);
        }
        context.forward(record.withKey(Keys.movie(change.movieId())).withValue(change.withRow(row)));
    }

    private TreeSet<String> creditsOf(String person) {
        TreeSet<String> movies = new TreeSet<>();
        String stored = credits.get(person);
        if (stored != null && !stored.isEmpty()) {
            movies.addAll(java.util.Arrays.asList(stored.split(",")));
        }
        return movies;
    }
}
