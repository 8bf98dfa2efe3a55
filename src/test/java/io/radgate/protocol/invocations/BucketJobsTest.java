package io.radgate.protocol.invocations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bucket routes' immediate answer and each job's spec, in the objects' order. */
class BucketJobsTest {

    @Test
    void oneJobPerObjectInOrderWithItsResultPath() {
        BucketJobs b = BucketJobs.of("gcs", "in", List.of("p/file.001", "p/file.002"), "https://h.example/x", "e9",
                "{\"threshold\":0.25}", "boundary_polyline", "out", "results");
        JsonObject a = b.answer();
        assertEquals(new JsonArray(List.of("p/file.001", "p/file.002")), a.getJsonArray("filename"));
        assertEquals("sent", a.getString("status"));
        assertEquals("e9", a.getString("examination_id"));
        for (int i = 0; i < 2; i++) {
            String id = a.getJsonArray("request_uuid").getString(i);
            assertEquals(id, b.jobs().get(i).id());
            assertEquals("results/" + id + ".json", a.getJsonArray("result_path").getString(i));
            InvocationSpec spec = InvocationSpec.fromJson(b.jobs().get(i).spec());
            assertEquals("p/file.00" + (i + 1), spec.object());
            assertEquals("out", spec.resultBucket());
            assertNull(b.jobs().get(i).payload(), "bucket jobs read their object when they run");
        }
        BucketJobs noWrite = BucketJobs.of("azure", "c", List.of("a.png"), "u", null, "{}", "m", null, "results");
        assertNull(noWrite.answer().getJsonArray("result_path").getValue(0));
        assertNull(InvocationSpec.fromJson(noWrite.jobs().get(0).spec()).resultPath());
    }

    @Test
    void webhookBodiesHaveTheSeedsFieldsInItsOrder() {
        JsonObject failed = InvocationBodies.failed("id-1", "a.png", "bad");
        assertEquals(List.of("id", "status", "error", "filename"), List.copyOf(failed.fieldNames()));
        JsonObject done = InvocationBodies.completed("id-2", "b.png", 30, 40,
                new io.radgate.core.PolylineInference.Polyline(List.of(new double[]{1, 2.5}), "ilm", 14));
        assertEquals(List.of("id", "status", "output", "filename"), List.copyOf(done.fieldNames()));
        assertEquals("{\"type\":\"polyline\",\"points\":[[1.0,2.5]],\"className\":\"ilm\",\"classId\":14,"
                        + "\"probability\":100,\"attributes\":[]}",
                done.getJsonObject("output").getJsonArray("instances").getJsonObject(0).encode());
        assertEquals("{\"height\":30,\"width\":40}", done.getJsonObject("output").getJsonObject("metadata").encode());
    }
}
