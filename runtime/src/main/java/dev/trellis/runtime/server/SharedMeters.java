package dev.trellis.runtime.server;

import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * A registry holds one meter per name and tags, so servers of one application in one JVM (tests, a restart
 * that overlaps) share theirs: counters and timers count for all of them, gauges and functional counters
 * add up what each owner reports, and a meter leaves the registry when its last owner lets it go.
 */
final class SharedMeters {

    /** What every owner of a counter or timer "reports": it counts by itself. */
    private static final DoubleSupplier COUNTS_ITSELF = () -> 0;

    /** One meter and, per owner, what it adds to the meter's value. */
    private record Entry(Meter meter, Map<Object, DoubleSupplier> owners) {}

    private static final Map<MeterRegistry, Map<String, Entry>> ENTRIES = new IdentityHashMap<>(); // guarded by class

    private SharedMeters() {}

    /** The meter of {@code name} and {@code tags} that {@code builder} makes, held for {@code owner} until released. */
    static <M extends Meter, B extends Meter.Builder<B, M>> M hold(MeterRegistry registry, Object owner, String name,
            List<Tag> tags, Supplier<B> builder) {
        @SuppressWarnings("unchecked")
        M meter = (M) hold(registry, owner, key(name, tags), builder, COUNTS_ITSELF);
        return meter;
    }

    /** A gauge of {@code name} and {@code tags} whose value is the sum of every owner's {@code value}. */
    static void holdGauge(MeterRegistry registry, Object owner, String name, String description, List<Tag> tags,
            DoubleSupplier value) {
        String key = key(name, tags);
        hold(registry, owner, key, () -> Gauge.builder(name, () -> sum(registry, key)).description(description)
                .tags(tags), value);
    }

    /** A counter, read from its owners, of {@code name} and {@code tags}: the sum of their {@code value}s. */
    static void holdFunctionalCounter(MeterRegistry registry, Object owner, String name, String description,
            List<Tag> tags, DoubleSupplier value) {
        String key = key(name, tags);
        hold(registry, owner, key, () -> FunctionalCounter.builder(name, key, k -> (long) sum(registry, k))
                .description(description).tags(tags), value);
    }

    private static synchronized Meter hold(MeterRegistry registry, Object owner, String key,
            Supplier<? extends Meter.Builder<?, ?>> builder, DoubleSupplier value) {
        Entry entry = entries(registry).computeIfAbsent(key, ignored -> new Entry(getOrCreate(registry, builder.get()),
                new IdentityHashMap<>()));
        entry.owners.put(owner, value);
        return entry.meter;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Meter getOrCreate(MeterRegistry registry, Meter.Builder builder) {
        return registry.getOrCreate(builder);
    }

    /** Lets go of every meter {@code owner} holds; the ones no one holds any more leave the registry. */
    static synchronized void release(MeterRegistry registry, Object owner) {
        Map<String, Entry> entries = entries(registry);
        entries.values().removeIf(entry -> {
            entry.owners.remove(owner);
            if (entry.owners.isEmpty()) {
                registry.remove(entry.meter);
                return true;
            }
            return false;
        });
        if (entries.isEmpty()) {
            ENTRIES.remove(registry);
        }
    }

    private static String key(String name, List<Tag> tags) {
        StringBuilder key = new StringBuilder(name);
        tags.stream().sorted(Comparator.comparing(Tag::key))
                .forEach(tag -> key.append('\u0000').append(tag.key()).append('=').append(tag.value()));
        return key.toString();
    }

    /** What the owners report, read outside the lock: a value may ask the controller, which takes its time. */
    private static double sum(MeterRegistry registry, String key) {
        List<DoubleSupplier> values;
        synchronized (SharedMeters.class) {
            Entry entry = entries(registry).get(key);
            values = entry == null ? List.of() : List.copyOf(entry.owners.values());
        }
        double total = 0;
        for (DoubleSupplier value : values) {
            total += value.getAsDouble();
        }
        return total;
    }

    private static Map<String, Entry> entries(MeterRegistry registry) {
        return ENTRIES.computeIfAbsent(registry, ignored -> new HashMap<>());
    }
}
