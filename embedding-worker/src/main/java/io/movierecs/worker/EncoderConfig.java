package io.movierecs.worker;

import io.movierecs.embedding.EncoderOptions;
import io.movierecs.embedding.MiniLmEncoder;
import io.movierecs.worker.topology.Embedder;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The MiniLM encoder, loaded once for the process; every stream thread shares it (one predictor each). */
@Configuration(proxyBeanMethods = false)
class EncoderConfig {

    @Bean(destroyMethod = "close")
    MiniLmEncoder encoder(WorkerProperties worker) {
        // the worker's micro-batch (max-batch) is split by the encoder into model calls of its own best size
        return MiniLmEncoder.load(EncoderOptions.defaults().withVariant(worker.model())
                .withIntraOpThreads(worker.intraOpThreads()));
    }

    @Bean
    Embedder embedder(MiniLmEncoder encoder) {
        return new Embedder() {
            @Override
            public String modelId() {
                return encoder.modelId();
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                return encoder.embedBatch(texts);
            }
        };
    }

    @Bean
    WorkerMetrics workerMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        return new WorkerMetrics(registry);
    }
}
