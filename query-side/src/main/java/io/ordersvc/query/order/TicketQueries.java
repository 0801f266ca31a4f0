package io.ordersvc.query.order;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.ticket.TicketQuery;
import io.ordersvc.shared.ticket.TicketQuery.TicketList;
import io.ordersvc.shared.ticket.TicketQuery.TicketView;
import io.ordersvc.shared.ticket.TicketStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * An order's e-tickets, for whoever may see the order; the codes themselves only for its buyer and admins (the shop
 * sees the last four characters: the buyer shows the code at the door). A code's QR image for its buyer only.
 */
@Component
@Transactional(readOnly = true)
public class TicketQueries {

    /** Pixels per side of a QR image: scanned from a phone's screen at a door. */
    static final int QR_SIZE = 320;

    private final OrderAccess access;
    private final TicketViewRepository tickets;

    TicketQueries(OrderAccess access, TicketViewRepository tickets) {
        this.access = access;
        this.tickets = tickets;
    }

    public TicketList tickets(String orderId, Actor actor) {
        OrderViewEntity order = access.requireVisible(orderId, actor);
        boolean codes = actor.is(Role.ADMIN) || actor.isBuyer(order.buyerId);
        return new TicketList(orderId, tickets.findByOrderIdOrderByPosition(orderId).stream()
                .map(t -> new TicketView(codes ? t.code : "************" + t.code.substring(t.code.length() - 4),
                        t.orderLineId, t.productName, Money.of(t.amount),
                        TicketStatus.valueOf(t.status.toUpperCase(Locale.ROOT)), t.validFrom, t.validUntil, t.usedAt,
                        t.refundId))
                .toList());
    }

    /** The code as a PNG QR image: its buyer's (or an admin's); anyone else is told it does not exist. */
    public byte[] qr(TicketQuery.TicketImage query) {
        TicketViewEntity ticket = tickets.lookup(query.code())
                .filter(t -> query.actor().is(Role.ADMIN) || query.actor().isBuyer(t.buyerId))
                .orElseThrow(() -> Refusal.ticketNotFound(query.code()));
        return png(ticket.code);
    }

    static byte[] png(String text) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, QR_SIZE, QR_SIZE,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(),
                    BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new IllegalStateException("a ticket code did not fit a QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
