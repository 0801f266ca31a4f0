package io.ordersvc.command.payment;

import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.order.PaymentChannel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
class PaymentConfig {

    @Bean
    PaymentSettings paymentSettings(Environment env) {
        return PaymentSettings.from(env);
    }

    @Bean
    Channels paymentChannels(PaymentSettings settings, Clock clock, tools.jackson.databind.json.JsonMapper json) {
        return new Channels(List.of(new SimulatorChannel(settings, clock), new AlipayChannel(settings),
                new WechatChannel(settings), new LianlianChannel(settings, clock, json)));
    }

    /** The payout sweep, on the timers' scheduler (one scheduler per scheduled_tasks table). */
    @Bean
    com.github.kagkarlsson.scheduler.task.helper.RecurringTask<Void> payoutSweepTask(PayoutSweep sweep,
            @org.springframework.beans.factory.annotation.Value("${orders.payouts.poll-interval:5s}")
            java.time.Duration pollInterval) {
        return com.github.kagkarlsson.scheduler.task.helper.Tasks.recurring("payout-sweep",
                com.github.kagkarlsson.scheduler.task.schedule.FixedDelay.of(pollInterval))
                .execute((execution, context) -> sweep.sweep());
    }

    /** The gateway of each channel value; a channel that is off (no keys) is not there. */
    static final class Channels {
        private final Map<PaymentChannel, ChannelGateway> on = new EnumMap<>(PaymentChannel.class);

        Channels(List<ChannelGateway> gateways) {
            gateways.stream().filter(ChannelGateway::on).forEach(g -> g.serves().forEach(c -> on.put(c, g)));
        }

        ChannelGateway of(PaymentChannel channel) {
            ChannelGateway gateway = on.get(channel);
            if (gateway == null) {
                throw Refusal.unprocessable("CHANNEL_NOT_AVAILABLE", "payment channel " + channel.value()
                        + " is not configured on this service");
            }
            return gateway;
        }

        java.util.Set<PaymentChannel> available() {
            return on.keySet();
        }
    }
}
