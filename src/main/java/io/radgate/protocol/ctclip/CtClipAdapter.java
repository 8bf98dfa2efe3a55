package io.radgate.protocol.ctclip;

import io.radgate.config.ConfigException;
import io.radgate.config.Setting;
import io.radgate.config.SettingReader;
import io.radgate.core.CoreServices;
import io.radgate.core.ModelRoute;
import io.radgate.core.PreparedVolume;
import io.radgate.core.VolumeAssembler;
import io.radgate.core.VolumeClassification;
import io.radgate.core.VolumePreparation;
import io.radgate.core.VolumeScores;
import io.radgate.error.ErrorKind;
import io.radgate.error.RadgateException;
import io.radgate.http.BodyReader;
import io.radgate.http.ConcurrencyLimit;
import io.radgate.http.ErrorBody;
import io.radgate.http.FormFileUpload;
import io.radgate.http.ProtocolAdapter;
import io.radgate.http.RequestContext;
import io.radgate.http.RequestMemory;
import io.radgate.imaging.NiftiReader;
import io.radgate.observability.ClientNames;
import io.radgate.observability.LogContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CT-CLIP study API (PROTOCOLS.md §4): {@code GET /}, {@code GET /health},
 * {@code POST /predict} (a ZIP of a DICOM study as multipart/form-data field {@code file}) and
 * {@code POST /predict_nifti}. One series is chosen as CT-CLIP chooses it
 * ({@link SeriesSelection}), resampled into a volume and classified by a study-level model on
 * Triton (plus an optional thoracic model); the answer keeps the original's fields, order and
 * status codes.
 *
 * <p>Uploads stream to disk under the upload limit. Requests run concurrently up to
 * {@code ctclip.max-concurrent} (the original serialised all of them with one lock).
 * Errors before the upload is accepted are FastAPI's {@code {"detail": ...}}; after it, the
 * Failure body with the status of radgate's error table (400 bad archive, 413 over a limit,
 * 415 undecodable syntax, 422 too few slices or a volume the model calls not applicable,
 * 503/504 upstream).
 */
public final class CtClipAdapter implements ProtocolAdapter {
    static final String NAME = "ctclip";
    static final String PREDICT = "/predict";
    static final String PREDICT_NIFTI = "/predict_nifti";
    static final String FIELD = "file";
    private static final String STARTED = "ctclip.started";
    private static final String NIFTI = "ctclip.nifti";
    private static final Logger LOG = LoggerFactory.getLogger(CtClipAdapter.class);
    /** What a form upload holds in memory while it streams to disk: the decoder's buffer and small fields. */
    static final long UPLOAD_IN_MEMORY_BYTES = 1 << 20;

    /** Failure body once the upload was accepted, FastAPI's detail before. */
    static final ErrorBody ERROR_BODY = (ctx, f) -> {
        Long started = ctx.get(STARTED);
        String body = started == null ? CtClipBodies.detail(f.message())
                : CtClipBodies.failure(Boolean.TRUE.equals(ctx.get(NIFTI)),
                CtClipBodies.seconds(System.nanoTime() - started), f.message());
        ctx.response().putHeader("Content-Type", CtClipBodies.CONTENT_TYPE).end(body);
    };

    private final CoreServices services;
    private final int port;
    private final ModelRoute model;
    private final ModelRoute thoracic;
    private final double threshold;
    private final double labelThreshold;
    private final StudyArchive archives;
    private final VolumePreparation preparation;
    private final VolumeClassification classification;
    private final ConcurrencyLimit limit;
    private final long maxUpload;
    private final String uploadDir;

    private CtClipAdapter(CoreServices services) {
        SettingReader s = services.settings();
        this.services = services;
        this.port = s.port(Setting.CTCLIP_PORT);
        this.model = ModelRoute.parse(s.nonEmpty(Setting.CTCLIP_MODEL), ModelRoute.Preparation.AS_IS, 0);
        String t = s.string(Setting.CTCLIP_THORACIC_MODEL).trim();
        this.thoracic = t.isEmpty() ? null : ModelRoute.parse(t, ModelRoute.Preparation.AS_IS, 0);
        this.threshold = s.decimalIn(Setting.CTCLIP_THRESHOLD, 0, 1);
        this.labelThreshold = s.decimalIn(Setting.CTCLIP_LABEL_THRESHOLD, 0, 1);
        double[] shape = s.decimals(Setting.CTCLIP_VOLUME_SHAPE, 3, 1, 4096);
        for (double n : shape) {
            if (n != Math.rint(n)) {
                throw new ConfigException(Setting.CTCLIP_VOLUME_SHAPE.key() + " must be whole numbers, got '"
                        + s.string(Setting.CTCLIP_VOLUME_SHAPE) + "'");
            }
        }
        this.preparation = VolumePreparation.ct(s.decimals(Setting.CTCLIP_VOLUME_SPACING, 3, 0.01, 100),
                new int[] {(int) shape[0], (int) shape[1], (int) shape[2]});
        this.archives = new StudyArchive(services.imagingLimits(), s.intIn(Setting.CTCLIP_MIN_SLICES, 1, 100000),
                preparation);
        this.classification = new VolumeClassification(services.pipeline());
        this.limit = new ConcurrencyLimit("the CT-CLIP route", s.intIn(Setting.CTCLIP_MAX_CONCURRENT, 1, 1024),
                s.intIn(Setting.CTCLIP_MAX_QUEUED, 0, 100000));
        this.maxUpload = s.longIn(Setting.CTCLIP_MAX_UPLOAD_BYTES, 1, Long.MAX_VALUE);
        String dir = s.string(Setting.CTCLIP_UPLOAD_DIR).trim();
        this.uploadDir = dir.isEmpty() ? Path.of(System.getProperty("java.io.tmpdir"), "radgate-uploads").toString()
                : dir;
    }

    public static Optional<ProtocolAdapter> create(CoreServices services) {
        return services.settings().bool(Setting.CTCLIP_ENABLED)
                ? Optional.of(new CtClipAdapter(services)) : Optional.empty();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public List<RouteKey> routes() {
        return List.of(new RouteKey(HttpMethod.GET, "/"), new RouteKey(HttpMethod.GET, "/health"),
                new RouteKey(HttpMethod.POST, PREDICT), new RouteKey(HttpMethod.POST, PREDICT_NIFTI));
    }

    /** Every model the routes use, for /health. */
    List<String> models() {
        return thoracic == null ? List.of(model.spec()) : List.of(model.spec(), thoracic.spec());
    }

    @Override
    public void describe(RoutingContext ctx) {
        RequestContext.protocol(ctx, NAME);
        ctx.put(ErrorBody.KEY, ERROR_BODY);
    }

    @Override
    public void mount(Router router) {
        io.vertx.core.Handler<RoutingContext> setup = ctx -> {
            describe(ctx);
            ctx.next();
        };
        router.get("/").handler(setup).handler(ctx -> json(ctx, 200, CtClipBodies.root()));
        router.get("/health").handler(setup).handler(this::health);
        // anything but a form is only read to the general body limit, never buffered up to the upload limit
        io.vertx.core.Handler<RoutingContext> small = services.bodyReader(1);
        for (String path : List.of(PREDICT, PREDICT_NIFTI)) {
            boolean nifti = path.equals(PREDICT_NIFTI);
            router.post(path).handler(setup).handler(ctx -> {
                RequestContext.model(ctx, model.spec());
                String ct = ctx.request().getHeader("Content-Type");
                boolean form = ct != null && (ct.regionMatches(true, 0, "multipart/form-data", 0, 19));
                if (!form) {
                    small.handle(ctx);
                    return;
                }
                RequestContext.bodyLimit(ctx, maxUpload);
                try {
                    // the upload streams to disk: only what the form decoder holds is in memory
                    RequestMemory.lease(ctx, services.memory()).claim(UPLOAD_IN_MEMORY_BYTES, "an upload");
                } catch (RadgateException e) {
                    BodyReader.refuse(ctx, e);
                    return;
                }
                FormFileUpload.receive(ctx, FIELD, Path.of(uploadDir), maxUpload).onComplete(ar -> {
                    if (ar.succeeded()) {
                        predict(ctx, nifti, ar.result());
                    } else if (!(ar.cause() instanceof FormFileUpload.ClientGone)) {
                        ctx.fail(ar.cause());
                    }
                });
            }).handler(ctx -> predict(ctx, nifti, null));
        }
    }

    private void health(RoutingContext ctx) {
        Future.fromCompletionStage(services.readiness().check(models()), ctx.vertx().getOrCreateContext())
                .onComplete(ar -> {
                    boolean ready = ar.succeeded() && ar.result().ready();
                    if (!ready) {
                        RequestContext.log(ctx).log(() -> LOG.warn("CT-CLIP health: not ready: {}",
                                ar.succeeded() ? String.join("; ", ar.result().problems()) : ar.cause().toString()));
                    }
                    json(ctx, ready ? 200 : 503, CtClipBodies.health(ready));
                });
    }

    private void predict(RoutingContext ctx, boolean nifti, FormFileUpload.Received upload) {
        if (upload == null) {
            json(ctx, 422, CtClipBodies.missingFile());
            return;
        }
        String name = upload.fileName() == null ? "" : upload.fileName();
        boolean accepted = nifti ? name.endsWith(".nii.gz") || name.endsWith(".nii") : name.endsWith(".zip");
        if (!accepted) {
            json(ctx, 400, CtClipBodies.detail(nifti ? CtClipBodies.ONLY_NIFTI : CtClipBodies.ONLY_ZIP));
            return;
        }
        long started = System.nanoTime();
        ctx.put(STARTED, started);
        ctx.put(NIFTI, nifti);
        LogContext log = RequestContext.log(ctx).put("upload_name", ClientNames.forLog(name))
                .put("upload_bytes", upload.size());
        Path file = upload.file();
        Context requestContext = ctx.vertx().getOrCreateContext(); // a queued request resumes on it too
        limit.acquire().onFailure(ctx::fail).onSuccess(v -> {
            if (ctx.response().closed()) {
                limit.release(); // the client left while it waited
                return;
            }
            CompletableFuture<String> answer = nifti ? niftiAnswer(file, name, started, log)
                    : studyAnswer(file, started, log);
            answer.whenComplete((body, error) -> limit.release());
            Future.fromCompletionStage(answer, requestContext)
                    .onSuccess(body -> json(ctx, 200, body)).onFailure(ctx::fail);
        });
    }

    private CompletableFuture<String> studyAnswer(Path zip, long started, LogContext log) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return archives.read(zip);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, services.blocking()).thenCompose(chosen -> {
            log.put("study_uid", chosen.studyUid()).put("series_uid", chosen.seriesUid())
                    .put("kernel", chosen.kernel().name()).put("slices", chosen.slices())
                    .put("skipped_files", chosen.skippedFiles());
            return classify(chosen.volume(), chosen.studyUid(), chosen.seriesUid(), started);
        });
    }

    private CompletableFuture<String> niftiAnswer(Path file, String name, long started, LogContext log) {
        String stem = name.endsWith(".nii.gz") ? name.substring(0, name.length() - 7)
                : name.substring(0, name.length() - 4);
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(file)) {
                return VolumeAssembler.fromNifti(new NiftiReader(services.imagingLimits()).read(in), preparation);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, services.blocking()).thenCompose(v -> classify(v, "nifti_" + stem, "nifti_" + stem + "_series", started));
    }

    private CompletableFuture<String> classify(PreparedVolume volume, String studyUid, String seriesUid, long started) {
        CompletableFuture<VolumeScores> main = classification.classify(model, volume);
        CompletableFuture<VolumeScores> second = thoracic == null ? CompletableFuture.completedFuture(null)
                : classification.classify(thoracic, volume);
        return main.thenCombine(second, (m, t) -> {
            List<String> reasons = new ArrayList<>();
            for (VolumeScores s : t == null ? List.of(m) : List.of(m, t)) {
                if (!s.applicable()) {
                    reasons.add(s.notApplicable());
                }
            }
            if (!reasons.isEmpty()) {
                throw new RadgateException(ErrorKind.UNPROCESSABLE, String.join("; ", reasons));
            }
            return CtClipBodies.success(studyUid, seriesUid, verdict(m),
                    CtClipBodies.topPathologies(m.labels(), labelThreshold), t == null ? null : verdict(t),
                    CtClipBodies.seconds(System.nanoTime() - started));
        });
    }

    private CtClipBodies.Verdict verdict(VolumeScores s) {
        double p = CtClipBodies.asFloat32(s.probability());
        return new CtClipBodies.Verdict(p, p >= threshold ? 1 : 0);
    }

    private static void json(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", CtClipBodies.CONTENT_TYPE).end(body);
    }
}
