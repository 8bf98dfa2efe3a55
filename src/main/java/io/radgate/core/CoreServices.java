package io.radgate.core;

import io.radgate.config.SettingReader;
import io.radgate.http.BodyReader;
import io.radgate.http.MemoryBudget;
import io.radgate.imaging.ImagingLimits;
import java.util.concurrent.Executor;

/**
 * What a protocol adapter gets from radgate: the pipeline, readiness, limits, its settings,
 * an executor for blocking work (decode, preprocessing), never an event-loop thread, and the
 * memory budget every request's body, pixels and answer are claimed from.
 */
public record CoreServices(ImagePipeline pipeline, Readiness readiness, ImagingLimits imagingLimits,
                           long maxBodyBytes, SettingReader settings, Executor blocking, MemoryBudget memory,
                           io.radgate.observability.Metrics metrics) {

    /** Reads a body into memory within {@code limits.max-body-bytes} and the memory budget. */
    public BodyReader bodyReader(int weight) {
        return new BodyReader(memory, maxBodyBytes, weight);
    }
}
