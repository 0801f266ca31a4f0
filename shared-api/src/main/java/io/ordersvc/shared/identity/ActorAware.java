package io.ordersvc.shared.identity;

/** A message that knows who sent it; the command side copies the actor into every event's metadata. */
public interface ActorAware {

    Actor actor();
}
