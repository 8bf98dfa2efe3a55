package io.radgate.jobs;

/** A job to submit: its id (also its request id), kind (which handler runs it), spec and payload. */
public record NewJob(String id, String kind, String spec, byte[] payload) {
    public NewJob {
        if (id == null || id.length() > 36) {
            throw new IllegalArgumentException("a job id is at most 36 characters");
        }
    }
}
