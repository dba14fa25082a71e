package dev.trellis.runtime.replica;

import dev.trellis.runtime.DeploymentException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The models one replica holds, for a {@code @Multiplexed} deployment: at most {@code capacity}, models
 * being loaded included; the least recently used one makes room for a new one. An evicted model is
 * closed (if it is {@link AutoCloseable}) once the calls using it have finished. Concurrent calls for a
 * model being loaded wait for that one load.
 */
final class ModelLru {

    private static final System.Logger LOGGER = System.getLogger(ModelLru.class.getName());

    private final dev.trellis.runtime.time.Ticker ticker;

    /** Loads a model by id: the deployment's {@code @Multiplexed} method. */
    @FunctionalInterface
    interface Loader {
        Object load(String modelId) throws Throwable;
    }

    private final String deployment;
    private final int capacity;
    private final Loader loader;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, Entry> models = new LinkedHashMap<>(16, 0.75f, true); // guarded by lock
    private final java.util.Set<Thread> loads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final dev.trellis.runtime.stats.LatencyHistogram loadTimes = new dev.trellis.runtime.stats.LatencyHistogram();

    ModelLru(String deployment, int capacity, Loader loader) {
        this(deployment, capacity, loader, dev.trellis.runtime.time.Ticker.system());
    }

    ModelLru(String deployment, int capacity, Loader loader, dev.trellis.runtime.time.Ticker ticker) {
        this.ticker = ticker;
        if (capacity < 1) {
            throw new IllegalArgumentException("a replica holds at least 1 model, was " + capacity);
        }
        this.deployment = deployment;
        this.capacity = capacity;
        this.loader = loader;
    }

    /** One model, with the calls using it counted. */
    private static final class Entry {
        final String modelId;
        final CompletableFuture<Object> model = new CompletableFuture<>();
        int users; // guarded by the LRU's lock
        boolean evicted; // guarded by the LRU's lock

        Entry(String modelId) {
            this.modelId = modelId;
        }
    }

    /** A model lent to one call; closing it gives it back. */
    interface Lease extends AutoCloseable {
        Object model();

        @Override
        void close();
    }

    /**
     * The model {@code modelId}, loaded if it is not held yet.
     *
     * @throws DeploymentException if the loader failed; the model is not held then
     */
    Lease acquire(String modelId) {
        Entry entry;
        boolean load;
        List<Entry> unused = new ArrayList<>();
        lock.lock();
        try {
            entry = models.get(modelId);
            load = entry == null;
            if (load) {
                entry = new Entry(modelId);
                models.put(modelId, entry);
                evictBeyondCapacity(unused);
            }
            entry.users++;
        } finally {
            lock.unlock();
        }
        unused.forEach(this::close);
        if (load) {
            // On a thread of its own: the load serves every call waiting for this model, so the
            // cancellation of the call that happened to start it must not interrupt it.
            Entry loading = entry;
            Thread loadThread = Thread.ofVirtual().name("trellis-load-" + deployment + "-" + modelId).unstarted(() -> {
                long started = ticker.nanoTime();
                try {
                    Object loaded = loader.load(modelId);
                    loadTimes.record(ticker.nanoTime() - started);
                    loading.model.complete(loaded);
                } catch (Throwable failure) {
                    forget(loading);
                    loading.model.completeExceptionally(new DeploymentException(deployment, "Deployment '"
                            + deployment + "' could not load model '" + modelId + "': " + DeploymentException.describe(failure),
                            failure));
                } finally {
                    loads.remove(Thread.currentThread());
                }
            });
            loads.add(loadThread);
            loadThread.start();
        }
        Object model;
        try {
            model = entry.model.get(); // interruptible: a cancelled call stops waiting and frees its slot
        } catch (java.util.concurrent.ExecutionException e) {
            release(entry);
            throw (RuntimeException) e.getCause();
        } catch (InterruptedException e) {
            release(entry);
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("the call was cancelled while model '" + modelId
                    + "' loaded");
        }
        Entry lent = entry;
        return new Lease() {
            @Override
            public Object model() {
                return model;
            }

            @Override
            public void close() {
                release(lent);
            }
        };
    }

    /** Whether it holds {@code modelId}, loaded or loading: where a router prefers to send its calls. */
    boolean holds(String modelId) {
        lock.lock();
        try {
            return models.containsKey(modelId);
        } finally {
            lock.unlock();
        }
    }

    /** How long its loads that succeeded took. */
    dev.trellis.runtime.stats.Histogram loadTimes() {
        return loadTimes.snapshot();
    }

    /** How many models it holds, loaded or loading. */
    int held() {
        lock.lock();
        try {
            return models.size();
        } finally {
            lock.unlock();
        }
    }

    /** The ids of the models it holds, least recently used first. */
    List<String> modelIds() {
        lock.lock();
        try {
            return List.copyOf(models.keySet());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for the loads in progress until the deadline (a value of the replica's ticker), for a replica
     * that stops: a loader uses the instance.
     *
     * @return whether none is left
     */
    boolean awaitLoads(long deadlineNanos) {
        for (Thread loading : List.copyOf(loads)) {
            try {
                if (!loading.join(java.time.Duration.ofNanos(Math.max(0, ticker.nanosUntil(deadlineNanos))))) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Evicts and closes every model, for a replica that has stopped. */
    void closeAll() {
        List<Entry> unused = new ArrayList<>();
        lock.lock();
        try {
            for (Entry entry : models.values()) {
                entry.evicted = true;
                if (entry.users == 0) {
                    unused.add(entry);
                }
            }
            models.clear();
        } finally {
            lock.unlock();
        }
        unused.forEach(this::close);
    }

    /**
     * Evicts the least recently used models beyond capacity; those no call uses go to {@code unused}, to
     * be closed now. The others are closed by the last call to give them back: an evicted model gains
     * no new users, so exactly one of the two closes it.
     */
    private void evictBeyondCapacity(List<Entry> unused) {
        Iterator<Map.Entry<String, Entry>> eldest = models.entrySet().iterator();
        while (models.size() > capacity && eldest.hasNext()) {
            Entry entry = eldest.next().getValue();
            eldest.remove();
            entry.evicted = true;
            if (entry.users == 0) {
                unused.add(entry);
            }
        }
    }

    private void forget(Entry entry) {
        lock.lock();
        try {
            models.remove(entry.modelId, entry);
        } finally {
            lock.unlock();
        }
    }

    private void release(Entry entry) {
        boolean close;
        lock.lock();
        try {
            entry.users--;
            close = entry.evicted && entry.users == 0;
        } finally {
            lock.unlock();
        }
        if (close) {
            close(entry);
        }
    }

    private void close(Entry entry) {
        entry.model.thenAccept(model -> {
            if (model instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOGGER.log(Level.WARNING, "Model '" + entry.modelId + "' of deployment '" + deployment
                            + "' failed to close", e);
                }
            }
        });
    }
}
