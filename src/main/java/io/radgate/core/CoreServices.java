package io.radgate.core;

import io.radgate.config.SettingReader;
import io.radgate.imaging.ImagingLimits;
import java.util.concurrent.Executor;

/**
 * What a protocol adapter gets from radgate: the pipeline, readiness, limits, its settings,
 * and an executor for blocking work (decode, preprocessing), never an event-loop thread.
 */
public record CoreServices(ImagePipeline pipeline, Readiness readiness, ImagingLimits imagingLimits,
                           long maxBodyBytes, SettingReader settings, Executor blocking) {
}
