"use client";
import { type BarShapeProps, Rectangle } from "recharts";
import { OTHER_COLOR } from "./format";

/**
 * A bar segment drawn lighter with a dashed edge when its datum is an estimate or a projection
 * (`isEstimate` on the data point): the legend says so, and the tooltip and table name the source.
 * Solid segments get a white edge, so stacked segments part without relying on colour.
 */
export function EstimateBar(props: BarShapeProps) {
  const isEstimate = (props.payload as { isEstimate?: boolean } | undefined)?.isEstimate === true;
  return (
    <Rectangle
      x={props.x}
      y={props.y}
      width={props.width}
      height={props.height}
      fill={props.fill}
      fillOpacity={isEstimate ? 0.35 : 1}
      stroke={isEstimate ? props.fill : "#FFFFFF"}
      strokeWidth={1}
      strokeDasharray={isEstimate ? "3 2" : undefined}
    />
  );
}

/**
 * A horizontal bar rounded at its end; grey when its datum stands for several items folded together
 * (`isOther` on the data point).
 */
export function HorizontalBar(props: BarShapeProps) {
  const isOther = (props.payload as { isOther?: boolean } | undefined)?.isOther === true;
  return (
    <Rectangle
      x={props.x}
      y={props.y}
      width={props.width}
      height={props.height}
      fill={isOther ? OTHER_COLOR : props.fill}
      radius={[0, 3, 3, 0]}
    />
  );
}
