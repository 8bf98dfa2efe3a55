package io.radgate.protocol.invocations;

import io.radgate.jobs.NewJob;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The jobs of one bucket request, one per image, and the immediate answer listing them in order. */
record BucketJobs(List<NewJob> jobs, JsonObject answer) {

    static BucketJobs of(String source, String bucket, List<String> names, String webhook, String exam, String params,
                         String model, String resultBucket, String outputFolder) {
        List<NewJob> jobs = new ArrayList<>(names.size());
        List<String> uuids = new ArrayList<>(names.size());
        List<String> paths = new ArrayList<>(names.size());
        for (String name : names) {
            String id = UUID.randomUUID().toString();
            String path = resultBucket == null ? null : outputFolder + "/" + id + ".json";
            InvocationSpec spec = new InvocationSpec(source, bucket, name, name, webhook, exam, params, model,
                    resultBucket, path);
            jobs.add(new NewJob(id, InvocationJobs.KIND, spec.toJson(), null));
            uuids.add(id);
            paths.add(path);
        }
        return new BucketJobs(jobs, InvocationBodies.bucketSent(names, uuids, paths, exam));
    }
}
